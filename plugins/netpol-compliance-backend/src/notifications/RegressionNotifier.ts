import type { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { EntityMappingOptions } from '../mapping/entityMapping';
import { buildNamespaceOwnerIndex } from '../service/namespaceOwners';
import type { StoredCluster } from '../store/ReportStore';
import type { ReportIndex } from '../store/reportParts';
import type { NotifierMemoryStore } from './NotifierMemoryStore';
import { entityOwners } from './entityOwners';
import { planNotifications } from './notificationPlan';
import { ClusterMemory, detectRegressions, Regression } from './regressions';

export interface RegressionNotifierDeps {
  /** The stored reports' indexes (outcomes without evidence: all the notifier reads). */
  scans: { clusterIndexes(): Promise<StoredCluster[]> };
  memory: Pick<NotifierMemoryStore, 'all' | 'save' | 'forget'>;
  /** The catalog's entities with a kubernetes mapping. */
  loadEntities: () => Promise<Entity[]>;
  mapping: EntityMappingOptions;
  notifications: NotificationService;
  logger: LoggerService;
  tabPath: string;
}

/**
 * After scans, tells the owners of the entities mapped to a namespace when
 * a control there turns from pass to fail (or the cluster's enforcer
 * disappears): once per regression, never again while it stands. Reads
 * the stored reports only; a stale report (too old, cluster removed) is
 * left alone until a fresh one arrives.
 */
export class RegressionNotifier {
  constructor(private readonly deps: RegressionNotifierDeps) {}

  /** One pass over the stored reports; returns the notifications sent. */
  async run(): Promise<number> {
    const stored = await this.deps.scans.clusterIndexes();
    const memories = await this.deps.memory.all();
    await this.deps.memory.forget([...memories.keys()].filter(name => !stored.some(c => c.cluster === name)));

    const current = stored.filter(c => c.index && !c.stale).map(c => c.index!);
    const updates = new Map<string, ClusterMemory>();
    const regressions: Regression[] = [];
    for (const report of current) {
      const name = report.head.cluster.name;
      const previous = memories.get(name);
      if (previous?.scannedAt === report.head.scannedAt) continue;
      const out = detectRegressions(previous, report);
      updates.set(name, out.memory);
      regressions.push(...out.regressions);
    }

    const sent = regressions.length ? await this.notify(regressions, current) : 0;
    // Remembered after sending: a crash in between repeats a notification
    // at most once, rather than losing it.
    for (const [cluster, memory] of updates) await this.deps.memory.save(cluster, memory);
    return sent;
  }

  private async notify(regressions: Regression[], reports: ReportIndex[]): Promise<number> {
    const entities = await this.deps.loadEntities();
    const index = await buildNamespaceOwnerIndex(entities, reports, this.deps.mapping);
    const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
    const ownersOf = (ref: string) => {
      const entity = byRef.get(ref);
      return entity ? entityOwners(entity) : [];
    };
    const plans = planNotifications(regressions, index, ownersOf, { tabPath: this.deps.tabPath });
    let sent = 0;
    for (const plan of plans) {
      try {
        await this.deps.notifications.send({
          recipients: { type: 'entity', entityRef: plan.recipient },
          payload: plan.payload,
        });
        sent++;
      } catch (e) {
        // Best effort: a missing notifications backend must not stop the
        // others or the next run.
        this.deps.logger.warn('Could not send a netpol-compliance regression notification', {
          recipient: plan.recipient,
          error: e instanceof Error ? e.message : String(e),
        });
      }
    }
    this.deps.logger.info('netpol-compliance regressions notified', {
      regressions: regressions.length,
      notifications: sent,
    });
    return sent;
  }
}
