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
import { IgnoredObject, ObjectStore } from './store';

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
   * Re-reads `manifestsDir` (plus the `objects` option). If any file has
   * errors, nothing changes and the errors are returned.
   */
  reload(): { errors: ManifestError[] };
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
  let ignored = store.replace(initial.objects).ignored;

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
      return ignored;
    },
    objectCounts() {
      return store.counts();
    },
    stop() {
      if (!stopped) {
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
      ignored = store.replace(objects).ignored;
    },
    reload() {
      const loaded = loadInitialObjects(options);
      if (loaded.errors.length === 0) {
        ignored = store.replace(loaded.objects).ignored;
      }
      return { errors: loaded.errors };
    },
    resetRequests() {
      state.stats.requests = 0;
      state.stats.log.length = 0;
    },
  };
}
