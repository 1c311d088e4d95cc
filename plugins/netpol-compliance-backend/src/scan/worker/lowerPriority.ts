import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { isMainThread, workerData } from 'node:worker_threads';

/**
 * Lowers this thread's CPU priority (Linux: a thread is a task with its own
 * nice value), so that on a busy machine the backend's event loop, which
 * answers every plugin's requests, gets the CPU before the background scan.
 * Elsewhere, or without permission, the scan runs at normal priority.
 */
function lowerPriority() {
  try {
    const tid = Number(/task\/(\d+)$/.exec(readlinkSync('/proc/thread-self'))?.[1]);
    if (tid) setPriority(tid, constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // Not Linux, or not allowed: normal priority.
  }
}

// Imported first by the scan worker's module, so that loading the engine
// (the worker's first work, most of a second on a busy machine) already
// runs at the lower priority.
if (!isMainThread && workerData?.netpolScanWorker) lowerPriority();
