/**
 * `startDemoCluster`: wires the store, auth, faults and HTTP handler into a
 * running server and exposes the runtime controls tests and benchmarks use.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { AuthConfig, ForbiddenRule } from './auth';
import { FaultInjector, FaultRule } from './faults';
import {
  RequestLogEntry,
  ServerState,
  createRequestListener,
} from './http/server';
import { ManifestError, loadManifests } from './manifests';
import { ReloadResult, ServedData } from './servedData';
import { IgnoredObject, ObjectStore } from './store';
import { FolderWatch, watchFolder } from './watchFolder';

export interface DemoClusterOptions {
  /** Folder of manifests, loaded recursively (see {@link loadManifests}). */
  manifestsDir?: string;
  /** In-memory objects, served in addition to (after) `manifestsDir`'s. */
  objects?: object[];
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Accepted bearer tokens; none or empty = no authentication. */
  tokens?: string[];
  /** Token -> user name shown in 403 messages (default `system:serviceaccount:netpol-demo:reader`). */
  users?: Record<string, string>;
  /** Deny rules answering 403; see {@link ForbiddenRule}. */
  forbidden?: ForbiddenRule[];
  /** Fault injection rules active from the start; see {@link FaultRule}. */
  faults?: FaultRule[];
  /** Cluster name: for logs, and mixed into generated uids. Default `demo`. */
  name?: string;
  /**
   * Reload whenever a manifest file under `manifestsDir` changes, and tell
   * `onReload` (also on failure: the last good objects stay served).
   */
  watch?: {
    onReload: (result: ReloadResult) => void;
    /** A watcher that failed: the folder is no longer watched. */
    onError?: (error: Error) => void;
    /** Quiet time after the last change before reloading. Default 200 ms. */
    debounceMs?: number;
  };
}

export interface DemoCluster {
  readonly name: string;
  /** Base URL, e.g. `http://127.0.0.1:6443` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** Requests received so far (including faulted and rejected ones). */
  readonly requests: number;
  /** The most recent requests (up to 10,000), oldest first. */
  readonly requestLog: readonly RequestLogEntry[];
  /** The current list resourceVersion. */
  readonly resourceVersion: string;
  /** Objects in the input that are not served (unknown kinds), for warnings. */
  readonly ignoredObjects: readonly IgnoredObject[];
  /** Served objects per resource, e.g. `{ 'v1/pods': 12, 'apps/v1/deployments': 3 }`. */
  objectCounts(): Record<string, number>;
  /** Closes the server and every open connection; cuts injected delays short. */
  stop(): Promise<void>;
  /** Replaces all fault rules (their call counters restart). */
  setFaults(faults: FaultRule[]): void;
  /** Replaces all deny rules. */
  setForbidden(rules: ForbiddenRule[]): void;
  /** Replaces the accepted tokens (empty = no authentication). */
  setTokens(tokens: string[]): void;
  /**
   * Replaces all data with `objects` (the manifests folder is not re-read)
   * and bumps the resourceVersion, so outstanding continue tokens expire.
   */
  setObjects(objects: object[]): void;
  /**
   * Re-reads `manifestsDir` (plus the `objects` option) and swaps the new
   * data in at once: a request sees the old data or the new, never a mix,
   * and continue tokens from before a change expire (410). If any file has
   * errors, or the folder is gone, nothing changes and the errors are
   * returned; it never throws for bad files.
   */
  reload(): ReloadResult;
  /** Empties `requestLog` and resets `requests` to 0. */
  resetRequests(): void;
}

function loadInitialObjects(options: DemoClusterOptions): {
  objects: object[];
  errors: ManifestError[];
} {
  const loaded = options.manifestsDir
    ? loadManifests(options.manifestsDir)
    : { objects: [], errors: [], warnings: [] };
  // concat, not push(...): spreading a large array (100k+ objects in the
  // benchmark) into push() overflows the call stack.
  return {
    objects: loaded.objects.concat(options.objects ?? []),
    errors: loaded.errors,
  };
}

function formatErrors(errors: ManifestError[]): string {
  return errors.map(e => `  ${e.file}: ${e.message}`).join('\n');
}

/** The folder watch of the `watch` option, if asked for. */
function startWatching(
  options: DemoClusterOptions,
  reload: () => ReloadResult,
): FolderWatch | undefined {
  if (!options.watch || !options.manifestsDir) return undefined;
  const { onReload, onError, debounceMs } = options.watch;
  return watchFolder(
    options.manifestsDir,
    () => onReload(reload()),
    error => onError?.(error),
    debounceMs,
  );
}

/**
 * Starts a demo cluster. Rejects when manifests have errors (each named by
 * file), so a broken example never silently serves partial data.
 */
export async function startDemoCluster(
  options: DemoClusterOptions = {},
): Promise<DemoCluster> {
  const name = options.name ?? 'demo';
  const host = options.host ?? '127.0.0.1';

  const initial = loadInitialObjects(options);
  if (initial.errors.length > 0) {
    throw new Error(
      `demo cluster ${name}: invalid manifests:\n${formatErrors(
        initial.errors,
      )}`,
    );
  }
  const store = new ObjectStore(name);
  const served = new ServedData(store);
  served.set(initial.objects);
  const reload = (): ReloadResult =>
    served.reload(
      () => loadInitialObjects(options),
      options.manifestsDir ?? '(objects)',
    );

  const faults = new FaultInjector();
  faults.setRules(options.faults ?? []);
  const auth: AuthConfig = {
    tokens: [...(options.tokens ?? [])],
    users: { ...(options.users ?? {}) },
    forbidden: [...(options.forbidden ?? [])],
  };
  const shutdown = new AbortController();
  // Known once listening; the /api document reports it.
  const bound = { port: 0 };
  const state: ServerState = {
    store,
    auth,
    faults,
    shutdown: shutdown.signal,
    serverAddress: () => `${host}:${bound.port}`,
    stats: { requests: 0, log: [] },
  };

  const server = http.createServer(createRequestListener(state));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  bound.port = port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  let stopped: Promise<void> | undefined;
  const watch = startWatching(options, reload);

  return {
    name,
    url,
    port,
    get requests() {
      return state.stats.requests;
    },
    get requestLog() {
      return state.stats.log;
    },
    get resourceVersion() {
      return store.resourceVersion;
    },
    get ignoredObjects() {
      return served.ignored;
    },
    objectCounts() {
      return store.counts();
    },
    stop() {
      if (!stopped) {
        watch?.close();
        shutdown.abort();
        stopped = new Promise<void>(resolve => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      }
      return stopped;
    },
    setFaults(rules) {
      faults.setRules(rules);
    },
    setForbidden(rules) {
      auth.forbidden = [...rules];
    },
    setTokens(tokens) {
      auth.tokens = [...tokens];
    },
    setObjects(objects) {
      served.set(objects);
    },
    reload,
    resetRequests() {
      state.stats.requests = 0;
      state.stats.log.length = 0;
    },
  };
}
