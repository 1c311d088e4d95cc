/**
 * Child process: a real Backstage backend (createBackend from
 * @backstage/backend-defaults: the real HTTP stack, auth, database,
 * scheduler) with the real kubernetes backend plugin pointed at the demo
 * cluster and the netpol-compliance backend plugin. Only the catalog is an
 * in-memory stand-in holding the generated entities, so that the entity and
 * overview latencies are the plugin's own, not the catalog's.
 *
 * Requests from the bench authenticate with a static external-access token.
 * The permission framework is off (every decision is ALLOW).
 *
 * To split a scan into its listing and its evaluation without touching the
 * plugin, the process watches its requests through the `http.client.*`
 * diagnostics channels (and fetch's `undici:request:*`): the listing window runs from the first request to
 * the kubernetes proxy until the last proxied response is fully received.
 */
import diagnostics from 'node:diagnostics_channel';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import fs from 'node:fs';
import { createBackend } from '@backstage/backend-defaults';
import { coreServices, createBackendPlugin, createServiceFactory } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import kubernetesBackendPlugin from '@backstage/plugin-kubernetes-backend';
import netpolComplianceBackendPlugin from '@netpol/plugin-netpol-compliance-backend';
import { freeLoopbackPort } from '@netpol/demo-cluster';

function sqliteDatabase(directory: string | undefined) {
  return directory
    ? { client: 'better-sqlite3', connection: { directory } }
    : { client: 'better-sqlite3', connection: ':memory:' };
}

/** The config with `netpolCompliance.schedule.initialDelay` ending at `startAt`, as late as the backend reads it. */
function withStartAt(data: { netpolCompliance: { schedule?: object } }, startAt: number | undefined) {
  if (startAt === undefined) return data;
  const milliseconds = Math.max(1000, Math.round(startAt - Date.now()));
  return { ...data, netpolCompliance: { ...data.netpolCompliance, schedule: { ...data.netpolCompliance.schedule, initialDelay: { milliseconds } } } };
}

type Entity = { kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string> } };

/** The catalog calls the netpol plugin makes, over an in-memory list. */
class InMemoryCatalog {
  private readonly byRef = new Map<string, Entity>();

  constructor(private readonly entities: Entity[]) {
    for (const e of entities) this.byRef.set(stringifyEntityRef(e as any).toLocaleLowerCase('en-US'), e);
  }

  async getEntityByRef(ref: string | { kind: string; namespace: string; name: string }) {
    const key = (typeof ref === 'string' ? stringifyEntityRef(parseEntityRef(ref)) : stringifyEntityRef(ref)).toLocaleLowerCase('en-US');
    return this.byRef.get(key);
  }

  async getEntitiesByRefs(request: { entityRefs: string[] }) {
    return { items: await Promise.all(request.entityRefs.map(r => this.getEntityByRef(r))) };
  }

  /** Supports the filter the plugin sends: a list of `metadata.annotations.<key>` existence checks (OR). */
  async getEntities(request?: { filter?: Array<Record<string, unknown>> | Record<string, unknown> }) {
    const filters = request?.filter === undefined ? [] : Array.isArray(request.filter) ? request.filter : [request.filter];
    const annotationKeys = filters.flatMap(f => Object.keys(f)).map(k => k.replace(/^metadata\.annotations\./, ''));
    const items = annotationKeys.length
      ? this.entities.filter(e => annotationKeys.some(k => e.metadata.annotations?.[k] !== undefined))
      : this.entities;
    return { items };
  }
}

/** The services a plugin uses for each proxied request, to time what each costs alone. */
const probeServices: { auth?: any; discovery?: any } = {};
const probePlugin = createBackendPlugin({
  pluginId: 'netpol-bench-probe',
  register(env) {
    env.registerInit({
      deps: { auth: coreServices.auth, discovery: coreServices.discovery },
      async init(deps) {
        Object.assign(probeServices, deps);
      },
    });
  },
});

/** Median time of `fn` over `n` sequential calls, in ms. */
async function medianMs(n: number, fn: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

export async function main(
  args: {
    /** One cluster (the size bench), or several with `clusters`. */
    clusterName?: string;
    clusterUrl?: string;
    /** The fleet bench's clusters; wins over clusterName/clusterUrl. */
    clusters?: Array<{ name: string; url: string }>;
    clusterToken: string;
    benchToken: string;
    entitiesFile: string;
    netpolCompliance?: object;
    /** A directory for the SQLite files, so a restarted backend finds its reports; in memory when absent. */
    databaseDir?: string;
    /** `backend.database` as given, e.g. PostgreSQL shared by replicas; wins over databaseDir. */
    database?: object;
    /**
     * Epoch ms at which background scans begin: `schedule.initialDelay` is
     * what is left of it when the backend reads its config, so replicas
     * started one after another begin together.
     */
    scansStartAt?: number;
  },
  ipc: { send(msg: object): Promise<void>; onRequest(type: string, handler: (msg: any) => unknown): void },
) {
  const port = await freeLoopbackPort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const entities: Entity[] = JSON.parse(fs.readFileSync(args.entitiesFile, 'utf8'));

  // The listing window, seen from the plugin's fetch calls to the proxy.
  const listing = { first: 0, last: 0, requests: 0, bytes: 0 };
  const isProxy = (request: any) => typeof request?.path === 'string' && request.path.startsWith('/api/kubernetes/proxy/');
  const started = (msg: any) => {
    if (!isProxy(msg.request)) return;
    if (!listing.first) listing.first = performance.now();
    listing.requests++;
  };
  const ended = (msg: any) => {
    if (isProxy(msg.request)) listing.last = performance.now();
  };
  // The plugin's requests go out through node:http; fetch (undici) is watched too.
  diagnostics.subscribe('http.client.request.start', started);
  // Published when the answer's head arrives: its body ends later.
  diagnostics.subscribe('http.client.response.finish', (msg: any) => msg.response?.once('end', () => ended(msg)));
  diagnostics.subscribe('undici:request:create', started);
  diagnostics.subscribe('undici:request:trailers', ended);

  const data = {
    backend: {
      baseUrl,
      listen: { port, host: '127.0.0.1' },
      database: args.database ?? sqliteDatabase(args.databaseDir),
      auth: { externalAccess: [{ type: 'static', options: { token: args.benchToken, subject: 'netpol-bench' } }] },
    },
    permission: { enabled: false },
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: (args.clusters ?? [{ name: args.clusterName!, url: args.clusterUrl! }]).map(c => ({
            name: c.name,
            url: c.url,
            authProvider: 'serviceAccount',
            serviceAccountToken: args.clusterToken,
            skipTLSVerify: true,
            skipMetricsLookup: true,
          })),
        },
      ],
    },
    netpolCompliance: {
      // Scans are started by the bench, never by the clock.
      schedule: { frequency: { hours: 24 }, timeout: { minutes: 60 }, initialDelay: { hours: 24 } },
      requestTimeoutMs: 120_000,
      clusterTimeoutMs: 3_600_000,
      ...(args.netpolCompliance ?? {}),
    },
  };

  const backend = createBackend();
  backend.add(createServiceFactory({ service: coreServices.rootConfig, deps: {}, factory: () => new ConfigReader(withStartAt(data, args.scansStartAt)) }));
  backend.add(createServiceFactory({ service: catalogServiceRef, deps: {}, factory: () => new InMemoryCatalog(entities) as any }));
  backend.add(kubernetesBackendPlugin);
  backend.add(netpolComplianceBackendPlugin);
  backend.add(probePlugin);
  // Event-loop delay inside the backend: what every other plugin's requests
  // wait. Each sample is the time between two of the histogram's timer
  // ticks, so it holds the tick interval itself: at a resolution of 10 ms an
  // idle loop's median is 10 ms. At 1 ms, a sample overstates the delay by
  // at most 1 ms (docs/benchmarks.md, "Event-loop delay").
  const eventLoop = monitorEventLoopDelay({ resolution: 1 });
  eventLoop.enable();
  // The bench's own trace of what held the event loop: stalls over 50 ms
  // and the main thread's garbage collections over 20 ms, in wall-clock
  // time, to lay beside the backend log.
  const stalls: Array<{ at: string; ms: number }> = [];
  const gcs: Array<{ at: string; ms: number; kind?: number }> = [];
  let tick = Date.now();
  setInterval(() => {
    const now = Date.now();
    if (now - tick - 10 > 50) stalls.push({ at: new Date(now).toISOString(), ms: now - tick - 10 });
    tick = now;
  }, 10).unref();
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) {
      if (e.duration > 20) {
        gcs.push({ at: new Date(performance.timeOrigin + e.startTime).toISOString(), ms: e.duration, kind: (e as any).detail?.kind });
      }
    }
  }).observe({ entryTypes: ['gc'] });
  const startedAt = performance.now();
  await backend.start();
  const startMs = performance.now() - startedAt;

  ipc.onRequest('probe', () => {
    const cpu = process.cpuUsage();
    return {
      now: performance.now(),
      cpuMs: (cpu.user + cpu.system) / 1000,
      memory: process.memoryUsage(),
      listing: { ...listing },
    };
  });
  ipc.onRequest('event-loop-reset', () => {
    eventLoop.reset();
    stalls.length = 0;
    gcs.length = 0;
    return {};
  });
  ipc.onRequest('event-loop', () => ({
    stalls: [...stalls],
    gcs: [...gcs],
    maxMs: eventLoop.max / 1e6,
    p99Ms: eventLoop.percentile(99) / 1e6,
    p50Ms: eventLoop.percentile(50) / 1e6,
    meanMs: eventLoop.mean / 1e6,
    samples: eventLoop.count,
  }));
  // What one proxied request costs the calling plugin before it is sent.
  ipc.onRequest('fixed-costs', async (msg: { n?: number }) => {
    const n = msg.n ?? 50;
    const { auth, discovery } = probeServices;
    return {
      discoveryMs: await medianMs(n, () => discovery.getBaseUrl('kubernetes')),
      tokenMs: await medianMs(n, async () =>
        auth.getPluginRequestToken({ onBehalfOf: await auth.getOwnServiceCredentials(), targetPluginId: 'kubernetes' }),
      ),
    };
  });
  ipc.onRequest('reset-listing', () => {
    listing.first = 0;
    listing.last = 0;
    listing.requests = 0;
    return {};
  });

  await new Promise<void>(resolve => {
    const stop = () => {
      backend.stop().then(resolve, resolve);
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    ipc.send({ type: 'ready', baseUrl, startMs });
  });
  return {};
}
