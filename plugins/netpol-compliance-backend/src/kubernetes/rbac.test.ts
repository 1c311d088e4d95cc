/**
 * `deploy/rbac.yaml` grants what the scan reads and nothing more: list on
 * each listed collection, and the enforcer ConfigMaps by name in exactly the
 * namespaces of the common package's one list.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ENFORCER_CONFIGMAPS, LISTED_RESOURCES } from './resources';

interface Rule {
  apiGroups: string[];
  resources: string[];
  resourceNames?: string[];
  verbs: string[];
}
interface Doc {
  kind: string;
  metadata: { name: string; namespace?: string };
  rules?: Rule[];
  roleRef?: { kind: string; name: string };
  subjects?: Array<{ kind: string; name: string; namespace?: string }>;
}

const docs: Doc[] = parseAllDocuments(
  fs.readFileSync(
    path.resolve(__dirname, '../../../../deploy/rbac.yaml'),
    'utf8',
  ),
)
  .map(d => d.toJS() as Doc)
  .filter(Boolean);

const serviceAccount = docs.find(d => d.kind === 'ServiceAccount')!;

function boundRules(kind: 'Role' | 'ClusterRole', namespace?: string): Rule[] {
  return docs
    .filter(
      d =>
        d.kind === (kind === 'Role' ? 'RoleBinding' : 'ClusterRoleBinding') &&
        d.metadata.namespace === namespace &&
        d.subjects?.some(
          s =>
            s.kind === 'ServiceAccount' &&
            s.name === serviceAccount.metadata.name &&
            s.namespace === serviceAccount.metadata.namespace,
        ),
    )
    .flatMap(b =>
      docs
        .filter(
          d =>
            d.kind === b.roleRef!.kind &&
            d.metadata.name === b.roleRef!.name &&
            d.metadata.namespace === namespace,
        )
        .flatMap(d => d.rules ?? []),
    );
}

const configMapRules = (rules: Rule[]) =>
  rules.filter(r => r.apiGroups.includes('') && r.resources.includes('configmaps'));

describe('deploy/rbac.yaml', () => {
  it('grants list on every collection the scan lists', () => {
    const rules = boundRules('ClusterRole');
    for (const r of LISTED_RESOURCES) {
      const m = /^\/apis?\/(?:([^/]+)\/)?[^/]+\/([^/]+)$/.exec(r.path)!;
      const group = r.path.startsWith('/api/') ? '' : m[1];
      const resource = r.path.startsWith('/api/') ? r.path.split('/')[3] : m[2];
      expect({
        group,
        resource,
        granted: rules.some(
          x =>
            x.apiGroups.includes(group) &&
            x.resources.includes(resource) &&
            x.verbs.includes('list'),
        ),
      }).toEqual({ group, resource, granted: true });
    }
  });

  it('reads each enforcer ConfigMap by name in its own namespace', () => {
    for (const { namespace, name } of ENFORCER_CONFIGMAPS) {
      const rules = configMapRules(boundRules('Role', namespace));
      expect({
        namespace,
        name,
        granted: rules.some(
          r =>
            r.resourceNames?.includes(name) &&
            r.verbs.includes('get') &&
            r.verbs.includes('list'),
        ),
      }).toEqual({ namespace, name, granted: true });
    }
  });

  it('grants no ConfigMap outside that list', () => {
    const wanted = new Set(
      ENFORCER_CONFIGMAPS.map(l => `${l.namespace}/${l.name}`),
    );
    const grantedAnywhere = docs
      .filter(d => d.kind === 'Role' || d.kind === 'ClusterRole')
      .flatMap(d =>
        configMapRules(d.rules ?? []).map(r => ({
          namespace: d.metadata.namespace ?? '(cluster)',
          names: r.resourceNames,
        })),
      );
    for (const g of grantedAnywhere) {
      expect(g.names).toBeDefined(); // never every ConfigMap of a namespace
      for (const n of g.names ?? [])
        expect(wanted).toContain(`${g.namespace}/${n}`);
    }
  });

  it('grants no verb beyond get and list', () => {
    for (const d of docs)
      for (const r of d.rules ?? [])
        for (const v of r.verbs) expect(['get', 'list']).toContain(v);
  });
});
