import type {
  FactRetriever,
  FactRetrieverContext,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import { parseEntityRef } from '@backstage/catalog-model';
import { DateTime } from 'luxon';
import { computeFacts } from './computeFacts';
import {
  NETPOL_FACT_RETRIEVER_ID,
  NETPOL_FACT_SCHEMA,
  NETPOL_FACTS_VERSION,
} from './factSchema';
import { NetpolComplianceOverviewClient } from './NetpolComplianceOverviewClient';

/**
 * NetworkPolicy compliance facts for every catalog entity that maps to a
 * namespace, read from the netpol-compliance backend's stored reports.
 * @public
 */
export function createNetpolComplianceFactRetriever(
  options: { fetch?: typeof fetch } = {},
): FactRetriever {
  return {
    id: NETPOL_FACT_RETRIEVER_ID,
    version: NETPOL_FACTS_VERSION,
    title: 'NetworkPolicy compliance',
    description:
      'Per entity with a Kubernetes mapping: namespaces mapped, namespaces failing each netpol-compliance control, worst outcome, unknown results and report age',
    schema: NETPOL_FACT_SCHEMA,
    async handler(ctx: FactRetrieverContext): Promise<TechInsightFact[]> {
      const client = new NetpolComplianceOverviewClient({
        discovery: ctx.discovery,
        auth: ctx.auth,
        fetch: options.fetch,
      });
      const { rows, clusters } = await client.readAll();
      const byEntity = computeFacts(rows, clusters);
      ctx.logger.info(`netpol-compliance facts for ${byEntity.size} entities from ${rows.length} namespaces`);
      return [...byEntity].map(([ref, facts]) => {
        const { kind, namespace, name } = parseEntityRef(ref);
        const { lastScannedAt, ...rest } = facts;
        return {
          entity: { kind, namespace, name },
          facts: {
            ...(rest as Record<string, number | string>),
            ...(lastScannedAt ? { lastScannedAt: DateTime.fromISO(lastScannedAt) } : {}),
          },
        };
      });
    },
  };
}
