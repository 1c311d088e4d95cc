/**
 * Joins concurrent calls for the same key: while a call for a key runs,
 * every other call for that key gets its promise instead of starting again.
 * The key is free again once the call settles, whatever its outcome.
 */
export class SingleFlight<T> {
  private readonly running = new Map<string, Promise<T>>();

  run(key: string, fn: () => Promise<T>): Promise<T> {
    const current = this.running.get(key);
    if (current) return current;
    const started = fn().finally(() => {
      this.running.delete(key);
    });
    this.running.set(key, started);
    return started;
  }

  isRunning(key: string): boolean {
    return this.running.has(key);
  }
}
