/**
 * `netpol-compliance remediate <namespace> --catalog <catalog-info files>
 * <manifests...>`: the least-privilege NetworkPolicies of a namespace from
 * the connections the catalog declares, verified on the manifests before
 * they are written (for a GitOps repo: `> clusters/prod/shop/netpol.yaml`).
 * The verification heads the YAML as comments, so it is committed with it.
 */
import { parseAllDocuments } from 'yaml';
import {
  buildClusterSnapshot,
  CatalogComponent,
  catalogComponentsOf,
  CatalogEntityLike,
  leastPrivilegePolicies,
  letInBy,
  mappingFromAnnotations,
  verifyLeastPrivilege,
} from '@netpol/plugin-netpol-compliance-common';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../exitCodes';
import type { CliIo } from '../io';
import { loadManifests } from './loadInput';
import { checkNamespaceName } from './remediate';
import { DEFAULT_CLUSTER_NAME } from './scan';

export interface RemediateCatalogOptions {
  namespace: string;
  catalogFiles: string[];
  paths: string[];
  /** Honour the entities' cluster annotation for this cluster; absent: the manifests are one cluster, annotations ignored. */
  cluster?: string;
  allowSameNamespace?: boolean;
}

/** Components and Resources of catalog-info files (with what their API entities say of them). */
export function readCatalogFiles(files: string[], io: CliIo, cluster?: string): CatalogComponent[] {
  const entities: CatalogEntityLike[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = io.readFile(file);
    } catch (e) {
      throw new UsageError(`cannot read catalog file ${file}: ${(e as Error).message}`);
    }
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length) throw new UsageError(`${file}: ${doc.errors[0].message}`);
      const e = doc.toJS() as CatalogEntityLike | null;
      if (!e || typeof e.kind !== 'string' || !e.metadata?.name) continue;
      entities.push(e);
    }
  }
  return catalogComponentsOf(entities, e => {
    const mapping = mappingFromAnnotations(e.metadata.annotations);
    if (!cluster) delete mapping.clusters;
    return mapping;
  });
}

function header(lines: string[]): string {
  return lines.map(l => `# ${l}\n`).join('');
}

export function runRemediateCatalog(options: RemediateCatalogOptions, io: CliIo): number {
  checkNamespaceName(options.namespace);
  const components = readCatalogFiles(options.catalogFiles, io, options.cluster);
  if (!components.length) {
    throw new UsageError(`no Component or Resource in ${options.catalogFiles.join(', ')}`);
  }
  const input = loadManifests(options.paths, io);
  if (!input.ok) return EXIT_USAGE;
  const { snapshot } = buildClusterSnapshot({
    cluster: { name: options.cluster || DEFAULT_CLUSTER_NAME },
    collectedAt: io.now().toISOString(),
    objects: input.objects,
  });
  const set = leastPrivilegePolicies(snapshot, options.namespace, components, {
    allowSameNamespace: options.allowSameNamespace,
  });
  const check = verifyLeastPrivilege(snapshot, set);
  const allowed = check.declared.filter(d => d.allowed).length;
  // The set applied beside the policies it replaces: what those still let in is what deleting them closes.
  const beside = set.replaces.length ? verifyLeastPrivilege(snapshot, { ...set, replaces: [] }).stillOpen : [];
  const closes = (name: string) => {
    const paths = letInBy(options.namespace, name, beside);
    return paths.length ? `; today it lets in ${paths.join(', ')}` : '';
  };
  const toDelete = set.replaces.filter(r => r.action === 'delete');
  const overwritten = set.replaces.filter(r => r.action === 'overwrite');
  const summary = [
    `Least-privilege NetworkPolicies for ${options.namespace}, from ${options.catalogFiles.join(', ')}.`,
    ...(toDelete.length
      ? [
          `Replaces these policies: delete them when you apply this set (the verification assumes they are gone):`,
          ...toDelete.map(r => `  - ${options.namespace}/${r.name}: ${r.why}${closes(r.name)}`),
        ]
      : []),
    ...overwritten.map(r => `Overwrites ${options.namespace}/${r.name} (the same name).`),
    check.verified
      ? `Verified on the manifests: ${allowed} of ${check.declared.length} declared connections allowed, no undeclared source from outside the namespace, namespace controls pass.`
      : 'NOT verified on the manifests:',
    ...check.problems.map(p => `  - ${p}`),
    ...check.otherSide.map(p => `Other side: ${p}`),
    ...set.notes.map(n => `Note: ${n}`),
  ];
  io.stdout(header(summary) + set.yaml);
  if (!check.verified) {
    io.stderr(`netpol-compliance: the policies do not hold on the manifests:\n${check.problems.map(p => `  ${p}\n`).join('')}`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}
