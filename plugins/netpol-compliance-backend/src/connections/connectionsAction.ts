/**
 * The `get-entity-connections` action: what the Connections section of the
 * entity tab shows, for MCP clients and other plugins, with the caller's
 * credentials (through ComplianceService, as every other action).
 */
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { connectionReason, entityConnectionsSummary } from '@netpol/plugin-netpol-compliance-common';
import type { ComplianceService } from '../service/ComplianceService';

export function registerConnectionsAction(actions: ActionsRegistryService, compliance: ComplianceService) {
  actions.register({
    name: 'get-entity-connections',
    title: 'Get the declared connections of an entity and whether policies block them',
    description:
      'For a catalog entity, the connections its catalog relations declare (dependsOn, consumesApis/providesApis) checked against the NetworkPolicies of every kind on each cluster: blocked (NETPOL-007), allowed, and sources that can reach it although the catalog declares nothing.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z => z.object({ entityRef: z.string().describe('Entity reference, e.g. component:default/shop-web') }),
      output: z =>
        z.object({
          entityRef: z.string(),
          status: z.string(),
          reason: z.string(),
          connections: z.array(
            z.object({
              cluster: z.string(),
              from: z.string(),
              to: z.string(),
              because: z.array(z.string()),
              verdict: z.string(),
              reason: z.string(),
            }),
          ),
          openButUndeclared: z.array(
            z.object({ cluster: z.string(), to: z.string(), source: z.string(), workloads: z.array(z.string()), policies: z.array(z.string()) }),
          ),
          leastPrivilege: z.array(
            z.object({
              cluster: z.string(),
              namespace: z.string(),
              verified: z.boolean(),
              problems: z.array(z.string()),
              replaces: z.array(z.object({ name: z.string(), action: z.string(), why: z.string() })),
              yaml: z.string(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const view = await compliance.getEntityCompliance(input.entityRef, credentials);
      const s = entityConnectionsSummary(view.entityRef, view.clusters);
      const end = (e: { namespace: string; workload: string }) => `${e.namespace}/${e.workload}`;
      return {
        output: {
          entityRef: view.entityRef,
          status: s.status,
          reason: s.reason,
          // Once per cluster, blocked first: as the tab shows them.
          connections: s.connections.map(c => ({
            cluster: c.cluster,
            from: end(c.from),
            to: end(c.to),
            because: c.connection.because,
            verdict: c.verdict,
            reason: connectionReason(c),
          })),
          openButUndeclared: s.openButUndeclared.map(o => ({
            cluster: o.cluster,
            to: end(o.to),
            source: o.source,
            workloads: o.workloads,
            policies: o.policies,
          })),
          leastPrivilege: s.leastPrivilege.map(({ cluster, namespace, fix }) => ({
            cluster,
            namespace,
            verified: fix.verified,
            problems: fix.problems,
            replaces: fix.replaces ?? [],
            yaml: fix.yaml,
          })),
        },
      };
    },
  });
}
