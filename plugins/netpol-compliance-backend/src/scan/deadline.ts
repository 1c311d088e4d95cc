/**
 * A signal that aborts after `ms`, or when `parent` does. Built on a timer
 * and a listener rather than `AbortSignal.any([parent, AbortSignal.timeout()])`:
 * a composite signal holds its sources weakly, so a timeout signal nothing
 * else references can be garbage-collected and never fire. `clear` stops the
 * timer once the work is done.
 */
export function withDeadline(ms: number, parent?: AbortSignal): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  const timer = setTimeout(
    () => controller.abort(new DOMException(`timed out after ${ms} ms`, 'TimeoutError')),
    ms,
  );
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  return {
    signal: controller.signal,
    clear() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}
