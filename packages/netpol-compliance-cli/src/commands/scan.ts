/**
 * `netpol-compliance scan`: every control over a set of manifests read as
 * one cluster.
 */
import {
  buildClusterSnapshot,
  ClusterReport,
  DEFAULT_EXEMPT_NAMESPACES,
  evaluateCluster,
  Finding,
  reportFindings,
} from '@netpol/plugin-netpol-compliance-common';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../exitCodes';
import { failLevelReached, FailOn } from '../failOn';
import { formatTable } from '../formatTable';
import type { CliIo } from '../io';
import type { ManifestObject } from '../readManifests';
import { escapeForTerminal } from '../terminalText';
import { loadManifests } from './loadInput';

export const DEFAULT_CLUSTER_NAME = 'manifests';

export const SCAN_FORMATS = ['table', 'json'] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

/** The documented JSON output of `scan --format json` (docs/cli.md). */
export interface ScanOutput {
  clusters: ClusterReport[];
  findings: Finding[];
  /** Objects the engine does not use, counted by kind. */
  skipped: Record<string, number>;
}

export interface ScanSettings {
  clusterName?: string;
  /** Namespace patterns exempt in addition to the default ones. */
  exempt?: string[];
  /** Declares that the cluster enforces NetworkPolicy, with this reason. */
  enforcerReason?: string;
  /** NETPOL-001 counts the cluster admin policies (not the CIS reading). */
  countAdminPolicies?: boolean;
  /** Stamped on the report as `scannedAt`. */
  scannedAt: Date;
}

/** The evaluation itself, over parsed objects: no I/O. */
export function scanObjects(
  objects: ManifestObject[],
  settings: ScanSettings,
): ScanOutput {
  const { snapshot, skipped } = buildClusterSnapshot({
    cluster: { name: settings.clusterName || DEFAULT_CLUSTER_NAME },
    collectedAt: settings.scannedAt.toISOString(),
    objects,
  });
  const exemptNamespaces = [...DEFAULT_EXEMPT_NAMESPACES];
  for (const p of settings.exempt ?? [])
    if (!exemptNamespaces.includes(p)) exemptNamespaces.push(p);
  const report = evaluateCluster(snapshot, {
    exemptNamespaces,
    enforcerOverride: settings.enforcerReason
      ? { enforcing: true, reason: settings.enforcerReason }
      : undefined,
    countAdminPolicies: settings.countAdminPolicies ?? false,
  });
  const sortedSkipped: Record<string, number> = {};
  for (const kind of Object.keys(skipped).sort())
    sortedSkipped[kind] = skipped[kind];
  return {
    clusters: [report],
    findings: reportFindings(report),
    skipped: sortedSkipped,
  };
}

export interface ScanCommandOptions extends Omit<ScanSettings, 'scannedAt'> {
  paths: string[];
  format: ScanFormat;
  failOn: FailOn;
}

export function runScan(options: ScanCommandOptions, io: CliIo): number {
  const input = loadManifests(options.paths, io);
  if (!input.ok) return EXIT_USAGE;
  const output = scanObjects(input.objects, {
    ...options,
    scannedAt: io.now(),
  });
  if (options.format === 'json') {
    io.stdout(`${JSON.stringify(output, null, 2)}\n`);
  } else {
    // Names come from the input: no control sequence reaches the terminal.
    io.stdout(
      escapeForTerminal(
        formatTable(output, {
          failOn: options.failOn,
          files: input.files.length,
        }),
      ),
    );
  }
  return failLevelReached(output.findings, options.failOn)
    ? EXIT_FINDINGS
    : EXIT_OK;
}
