import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NAMESPACE_CONTROL_IDS } from '@netpol/plugin-netpol-compliance-common';
import type { ComplianceService } from './service/ComplianceService';
import { registerConnectionsAction } from './connections/connectionsAction';

/**
 * Registers the plugin's read operations with Backstage's actions registry
 * (MCP clients and other plugins). Each runs with the caller's credentials,
 * so it sees exactly what the caller may see through the REST API.
 */
export function registerActions(actions: ActionsRegistryService, compliance: ComplianceService) {
  registerConnectionsAction(actions, compliance);
  registerEntityComplianceAction(actions, compliance);
  registerNonCompliantNamespacesAction(actions, compliance);
}

function registerEntityComplianceAction(actions: ActionsRegistryService, compliance: ComplianceService) {
  actions.register({
    name: 'get-entity-network-policy-compliance',
    title: 'Get network-policy compliance of an entity',
    description:
      'For a catalog entity (e.g. component:default/shop-web), lists every Kubernetes namespace it runs in on every cluster, with the outcome of each NetworkPolicy control (CIS Kubernetes 5.3.2 and related) and the reason.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z => z.object({ entityRef: z.string().describe('Entity reference, e.g. component:default/shop-web') }),
      output: z =>
        z.object({
          entityRef: z.string(),
          mapped: z.boolean(),
          reason: z.string().optional(),
          namespaces: z.array(
            z.object({
              cluster: z.string(),
              namespace: z.string(),
              results: z.array(z.object({ control: z.string(), status: z.string(), reason: z.string() })),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const view = await compliance.getEntityCompliance(input.entityRef, credentials);
      return {
        output: {
          entityRef: view.entityRef,
          mapped: view.mapping.mapped,
          reason: view.mapping.reason,
          namespaces: view.clusters.flatMap(c =>
            c.namespaces.map(ns => ({
              cluster: c.cluster.name,
              namespace: ns.namespace,
              results: [...ns.results, ...c.results].map(({ control, status, reason }) => ({ control, status, reason })),
            })),
          ),
        },
      };
    },
  });
}

function registerNonCompliantNamespacesAction(actions: ActionsRegistryService, compliance: ComplianceService) {
  actions.register({
    name: 'list-non-compliant-namespaces',
    title: 'List namespaces failing network-policy controls',
    description:
      'Lists namespaces, across all scanned clusters, that fail a NetworkPolicy control (or any control), worst first, with their owners.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          cluster: z.string().optional(),
          control: z.enum(NAMESPACE_CONTROL_IDS as [string, ...string[]]).optional(),
          limit: z.number().int().min(1).max(500).optional(),
        }),
      output: z =>
        z.object({
          total: z.number(),
          namespaces: z.array(
            z.object({
              cluster: z.string(),
              namespace: z.string(),
              owners: z.array(z.string()),
              failing: z.array(z.object({ control: z.string(), reason: z.string() })),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const overview = await compliance.getOverview(
        { cluster: input.cluster, control: input.control, status: 'fail', limit: input.limit ?? 100 },
        credentials,
      );
      return {
        output: {
          total: overview.total,
          namespaces: overview.rows.map(row => ({
            cluster: row.cluster,
            namespace: row.namespace,
            owners: row.owners,
            failing: row.results
              .filter(r => r.status === 'fail' && (!input.control || r.control === input.control))
              .map(({ control, reason }) => ({ control, reason })),
          })),
        },
      };
    },
  });
}
