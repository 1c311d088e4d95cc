import PQueue from 'p-queue';
import { ServiceUnavailableError } from '@backstage/errors';

export interface ScanQueueOptions {
  /** Scans running at once in this replica (`clusterConcurrency`). */
  concurrency: number;
  /** On-demand requests that may wait for a slot before new ones are turned away. */
  maxWaiting: number;
}

/** Requests by a person or a service go before the scheduled passes' backlog. */
const ON_DEMAND_PRIORITY = 1;
const BACKGROUND_PRIORITY = 0;

/**
 * The one queue every scan of this replica goes through, background and on
 * demand alike: at most `concurrency` run at once. On-demand requests wait
 * ahead of background scans, and at most `maxWaiting` of them wait; one
 * beyond that is refused (503) rather than piling up. Background scans are
 * not counted against that bound: a scheduled pass queues every due
 * cluster, at most one scan each, and a large fleet's pass must not turn
 * every request away.
 */
export class ScanQueue {
  private readonly queue: PQueue;
  private onDemandWaiting = 0;

  constructor(private readonly options: ScanQueueOptions) {
    this.queue = new PQueue({ concurrency: options.concurrency });
  }

  /** Scans running now. */
  get active(): number {
    return this.queue.pending;
  }

  /** Scans waiting for a slot, background and on demand. */
  get waiting(): number {
    return this.queue.size;
  }

  /** True when an on-demand request would be refused now. */
  get full(): boolean {
    return this.onDemandWaiting >= this.options.maxWaiting;
  }

  /**
   * Runs `task` in a free slot. `bounded` requests (on demand) go first and
   * are refused when `maxWaiting` of them already wait.
   */
  run<T>(task: () => Promise<T>, options: { bounded: boolean }): Promise<T> {
    if (!options.bounded) return this.queue.add(task, { priority: BACKGROUND_PRIORITY });
    if (this.full) {
      return Promise.reject(
        new ServiceUnavailableError(
          `Too many scan requests are waiting (${this.onDemandWaiting}); try again when the running ones end`,
        ),
      );
    }
    this.onDemandWaiting++;
    return this.queue.add(
      () => {
        this.onDemandWaiting--;
        return task();
      },
      { priority: ON_DEMAND_PRIORITY },
    );
  }
}
