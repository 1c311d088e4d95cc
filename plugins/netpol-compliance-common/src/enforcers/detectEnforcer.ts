/**
 * Does anything enforce NetworkPolicy in this cluster? (NETPOL-002 reads
 * the answer: controls/netpol002.ts.)
 *
 * The API server stores NetworkPolicies whether or not a network plugin
 * enforces them, so the answer comes from what runs in each plugin's own
 * system namespaces: its DaemonSets/Deployments, their containers and flags,
 * and its ConfigMaps. One detector per plugin, listed in `registry.ts`;
 * each detector's file says which namespaces and objects it reads, how it
 * tells enforcing from not, and which network-policy API kinds each version
 * implements.
 *
 * Anything enforcing passes (a warning when the cluster holds admin policies
 * that no enforcing plugin implements). Otherwise an undecidable finding or a
 * failed read gives `unknown`; recognised non-enforcing plugins give `fail`;
 * and nothing recognised gives `unknown` (a custom or managed dataplane the
 * API does not show: state it with `enforcerOverride`).
 */
import type { AdminPolicyKind, ClusterSnapshot } from '../snapshot/types';
import type { EnforcerEvidence } from '../report';
import { missingLookup, missingReason } from '../engine/missingData';
import { implementedKinds, supportByKind } from './adminPolicySupport';
import { detectorInput, untrustedLookalikes } from './detectorInput';
import { ENFORCER_DETECTORS, ENFORCER_NAMESPACES } from './registry';
import type { ApiSupport, Finding } from './types';

export { flagValue } from './flags';
// Kept here for the modules that imported them from this file.
export { ENFORCER_CONFIGMAPS, ENFORCER_NAMESPACES } from './registry';

/** @public */
export interface EnforcerDetection {
  status: 'pass' | 'fail' | 'unknown';
  reason: string;
  enforcers: EnforcerEvidence[];
  notes: string[];
  /**
   * Per network-policy API kind, whether an enforcing plugin implements it
   * (`unknown` when none was detected as enforcing).
   */
  adminPolicySupport: Record<AdminPolicyKind, ApiSupport>;
}

/** What detection reads from a snapshot. */
export type DetectionInput = Pick<
  ClusterSnapshot,
  'controllers' | 'configMaps' | 'missing'
> &
  Partial<Pick<ClusterSnapshot, 'adminPolicies'>>;

function runDetectors(snapshot: DetectionInput) {
  const missing = missingLookup(snapshot.missing);
  const findings: Finding[] = [];
  const notes: string[] = [];
  for (const detector of ENFORCER_DETECTORS) {
    const result = detector.detect(detectorInput(detector, snapshot, missing));
    findings.push(...result.findings);
    notes.push(
      ...(result.notes ?? []),
      ...untrustedLookalikes(detector, snapshot.controllers ?? []),
    );
  }
  return { findings, notes, missing };
}

function evidenceOf(f: Finding): EnforcerEvidence {
  const kinds = implementedKinds(f);
  return {
    name: f.name,
    enforcing: f.state === 'enforcing',
    state: f.state,
    source: f.source,
    detail: f.adminPolicies
      ? `${f.detail}; ${f.adminPolicies.detail}`
      : f.detail,
    ...(kinds.length ? { implements: kinds } : {}),
  };
}

function enforcingReason(enforcing: Finding[]): string {
  const what = enforcing.map(f => {
    const kinds = implementedKinds(f);
    return kinds.length ? `${f.name} (also ${kinds.join(', ')})` : f.name;
  });
  return `${what.join(', ')} enforce${
    enforcing.length === 1 ? 's' : ''
  } NetworkPolicy (${enforcing.map(f => f.source).join('; ')})`;
}

/**
 * Detects the NetworkPolicy enforcer from controllers and ConfigMaps.
 * @public
 */
export function detectEnforcer(snapshot: DetectionInput): EnforcerDetection {
  return detectWithFindings(snapshot).detection;
}

/** The detection and the per-plugin findings it was decided from. */
export function detectWithFindings(snapshot: DetectionInput): {
  detection: EnforcerDetection;
  findings: Finding[];
} {
  const { findings, notes, missing } = runDetectors(snapshot);
  return { detection: decide(findings, notes, missing), findings };
}

function decide(
  findings: Finding[],
  notes: string[],
  missing: ReturnType<typeof missingLookup>,
): EnforcerDetection {
  const enforcers = findings.map(evidenceOf);
  const adminPolicySupport = supportByKind(findings);
  const base = { enforcers, notes, adminPolicySupport };

  const enforcing = findings.filter(f => f.state === 'enforcing');
  if (enforcing.length)
    return { status: 'pass', reason: enforcingReason(enforcing), ...base };

  const controllerGap =
    missing('controllers') ??
    ENFORCER_NAMESPACES.map(ns => missing('controllers', ns)).find(m => !!m);
  if (controllerGap) {
    return {
      status: 'unknown',
      reason: `${missingReason(
        controllerGap,
      )}; the enforcer cannot be detected`,
      ...base,
    };
  }
  const undetermined = findings.filter(f => f.state === 'undetermined');
  if (undetermined.length) {
    return {
      status: 'unknown',
      reason: undetermined.map(f => `${f.name}: ${f.detail}`).join('; '),
      ...base,
    };
  }
  if (findings.length) {
    return {
      status: 'fail',
      reason: `No NetworkPolicy enforcer runs: ${findings
        .map(f => `${f.name} (${f.source}): ${f.detail}`)
        .join('; ')}`,
      ...base,
    };
  }
  return {
    status: 'unknown',
    reason:
      'No known network plugin was recognised in the system namespaces; if another dataplane enforces NetworkPolicy, declare it (backend: netpolCompliance.clusters[].enforcer; CLI: --enforcer)',
    ...base,
  };
}
