import type {
  FactRetriever,
  FactRetrieverContext,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import { parseEntityRef } from '@backstage/catalog-model';
import { DateTime } from 'luxon';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { computeFacts, namespacesFailingConnections } from './computeFacts';
import {
  CONNECTIONS_CONTROL,
  failingFactName,
  NETPOL_FACT_RETRIEVER_ID,
  NETPOL_FACT_SCHEMA,
  NETPOL_FACTS_VERSION,
} from './factSchema';
import { NetpolComplianceReportsClient } from './NetpolComplianceReportsClient';

/** Entity views read at once: each loads the entity's stored namespace reports. */
const ENTITY_READS_AT_ONCE = 4;

/**
 * NETPOL-007 per entity, from each entity's stored view. An entity whose view
 * cannot be read (gone from the catalog since the overview, the backend
 * refused) or whose relations no scan has checked gets no value: a check on
 * the fact then fails instead of passing on a 0 nobody measured.
 */
async function failingConnections(
  client: NetpolComplianceReportsClient,
  entityRefs: string[],
  logger: LoggerService,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const unread: Array<{ entityRef: string; error: string }> = [];
  const queue = [...entityRefs];
  const worker = async () => {
    for (let ref = queue.shift(); ref !== undefined; ref = queue.shift()) {
      try {
        const count = namespacesFailingConnections(ref, (await client.readEntity(ref)).clusters);
        if (count !== undefined) counts.set(ref, count);
      } catch (e) {
        unread.push({ entityRef: ref, error: (e as Error).message });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(ENTITY_READS_AT_ONCE, queue.length) }, worker));
  if (unread.length) {
    logger.warn(`netpol-compliance: no ${CONNECTIONS_CONTROL} fact for entities whose view could not be read`, {
      entities: unread.length,
      first: unread[0].entityRef,
      error: unread[0].error,
    });
  }
  return counts;
}

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
      'Per entity with a Kubernetes mapping: namespaces mapped, namespaces failing each netpol-compliance control (NETPOL-007: with a blocked declared connection), worst outcome, unknown results and report age',
    schema: NETPOL_FACT_SCHEMA,
    async handler(ctx: FactRetrieverContext): Promise<TechInsightFact[]> {
      const client = new NetpolComplianceReportsClient({
        discovery: ctx.discovery,
        auth: ctx.auth,
        fetch: options.fetch,
      });
      const { rows, clusters } = await client.readAll();
      const byEntity = computeFacts(rows, clusters);
      const connections = await failingConnections(client, [...byEntity.keys()], ctx.logger);
      ctx.logger.info('netpol-compliance facts', { entities: byEntity.size, namespaces: rows.length });
      return [...byEntity].map(([ref, facts]) => {
        const { kind, namespace, name } = parseEntityRef(ref);
        const { lastScannedAt, ...rest } = facts;
        const failing007 = connections.get(ref);
        return {
          entity: { kind, namespace, name },
          facts: {
            ...(rest as Record<string, number | string>),
            ...(failing007 !== undefined ? { [failingFactName(CONNECTIONS_CONTROL)]: failing007 } : {}),
            ...(lastScannedAt ? { lastScannedAt: DateTime.fromISO(lastScannedAt) } : {}),
          },
        };
      });
    },
  };
}
