/**
 * What the request handler serves from, owned by the DemoCluster, and the
 * log of served requests that tests assert on.
 */
import type { ServerResponse, IncomingMessage } from 'node:http';
import type { AuthConfig } from '../auth';
import type { FaultInjector } from '../faults';
import type { ObjectStore } from '../store';

/** One served request, for assertions in tests (`DemoCluster.requestLog`). */
export interface RequestLogEntry {
  method: string;
  /** Path and query string as received. */
  url: string;
  /** HTTP status sent; 0 when the connection was closed without a response. */
  status: number;
}

/** The mutable state the handler serves from; owned by the DemoCluster. */
export interface ServerState {
  store: ObjectStore;
  auth: AuthConfig;
  faults: FaultInjector;
  /** `host:port`, for the `/api` document. */
  serverAddress: () => string;
  /** Aborted on stop, to cut injected delays short. */
  shutdown: AbortSignal;
  stats: { requests: number; log: RequestLogEntry[] };
}

/** Keep at most this many log entries (oldest dropped), to bound memory in benchmarks. */
const MAX_LOG_ENTRIES = 10_000;

export function recordLog(
  state: ServerState,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const entry: RequestLogEntry = {
    method: req.method ?? 'GET',
    url: req.url ?? '',
    status: 0,
  };
  const { log } = state.stats;
  log.push(entry);
  if (log.length > MAX_LOG_ENTRIES) log.splice(0, log.length - MAX_LOG_ENTRIES);
  res.once('finish', () => {
    entry.status = res.statusCode;
  });
}
