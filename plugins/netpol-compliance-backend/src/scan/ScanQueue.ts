import pLimit from 'p-limit';
import { ServiceUnavailableError } from '@backstage/errors';

export interface ScanQueueOptions {
  /** Scans running at once in this replica (`clusterConcurrency`). */
  concurrency: number;
  /** Requests that may wait for a slot before new ones are turned away. */
  maxWaiting: number;
}

/**
 * The one queue every scan of this replica goes through, background and on
 * demand alike: at most `concurrency` run at once, and at most `maxWaiting`
 * wait; a request beyond that is refused (503) rather than piling up.
 */
export class ScanQueue {
  private readonly limit: ReturnType<typeof pLimit>;

  constructor(private readonly options: ScanQueueOptions) {
    this.limit = pLimit(options.concurrency);
  }

  /** Scans running now. */
  get active(): number {
    return this.limit.activeCount;
  }

  /** Scans waiting for a slot (not those about to take a free one). */
  get waiting(): number {
    const free = Math.max(0, this.options.concurrency - this.limit.activeCount);
    return Math.max(0, this.limit.pendingCount - free);
  }

  /** True when an on-demand request would be refused now. */
  get full(): boolean {
    return this.waiting >= this.options.maxWaiting;
  }

  /**
   * Runs `task` in a free slot. `bounded` requests (on demand) are refused
   * when the queue is full; background scans of known clusters are not, as
   * there is at most one per cluster.
   */
  run<T>(task: () => Promise<T>, options: { bounded: boolean }): Promise<T> {
    if (options.bounded && this.full) {
      return Promise.reject(
        new ServiceUnavailableError(
          `Too many scans are waiting (${this.waiting}); try again when the running ones end`,
        ),
      );
    }
    return this.limit(task);
  }
}
