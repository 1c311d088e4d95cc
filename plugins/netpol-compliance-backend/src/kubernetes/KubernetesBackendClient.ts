import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { bodyText, httpGet, UnsupportedEncodingError, WireBody } from './httpGet';
import { errorFromResponse, KubernetesRequestError } from './kubernetesErrors';

/**
 * The kubernetes backend's proxy routes a request to the cluster this header
 * names (exported upstream only by the kubernetes backend package itself, so
 * it is restated here rather than pulling that whole package in).
 */
const HEADER_KUBERNETES_CLUSTER = 'Backstage-Kubernetes-Cluster';

export { KubernetesRequestError } from './kubernetesErrors';

/** A cluster as the kubernetes backend lists it: names only, never URLs or tokens. */
export interface KubernetesClusterInfo {
  name: string;
  title?: string;
  authProvider: string;
  oidcTokenProvider?: string;
}

export interface KubernetesBackendClientOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  /** Per request; a slow cluster must not hold a scan forever. */
  requestTimeoutMs: number;
  /** Items per list page (`limit`). */
  pageSize: number;
}

export interface ListOptions {
  /** Extra `Backstage-Kubernetes-Authorization*` headers for user-token clusters. */
  authHeaders?: Record<string, string>;
  signal?: AbortSignal;
}

/** Why a page's bytes are no Kubernetes list. */
export type PageProblem = 'not-gzip' | 'not-json' | 'not-list';

/** Where raw list pages go: a page's items are read there (a worker thread), not here. */
export interface PageSink {
  /** Reads one page (as it came, maybe gzipped); resolves to its `continue` token, or why it is no Kubernetes list. */
  page(body: WireBody): Promise<{ continue?: string } | { problem: PageProblem }>;
  /** The list starts over (410 Gone) or failed: what the pages gave so far is void. */
  restart(): Promise<void>;
}

/**
 * A plugin-to-plugin token and the kubernetes backend's address are reused
 * for this long rather than minted and looked up per request (a scan makes
 * hundreds); tokens live an hour.
 */
const REUSE_MS = 60_000;

/** How many times a list restarts after 410 Gone before giving up. */
const MAX_LIST_RESTARTS = 3;

/**
 * Talks to clusters through the kubernetes backend's HTTP API (`/clusters`
 * and `/proxy`), so every cluster locator and auth provider configured
 * there works unchanged, and this plugin never holds cluster credentials.
 */
export class KubernetesBackendClient {
  private reused?: { at: number; promise: Promise<{ baseUrl: string; token: string }> };

  constructor(private readonly options: KubernetesBackendClientOptions) {}

  /**
   * Lists a collection page by page like `list`, but hands each page's raw
   * bytes to `sink` (which parses them elsewhere), so a gigabyte of pods is
   * never parsed on the backend's event loop. A 410 restarts the list.
   */
  async listPages(cluster: string, path: string, options: ListOptions, sink: PageSink): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.listPagesOnce(cluster, path, options, sink);
        return;
      } catch (e) {
        await sink.restart();
        const gone = e instanceof KubernetesRequestError && e.status === 410;
        if (!gone || attempt >= MAX_LIST_RESTARTS) throw e;
      }
    }
  }

  private async listPagesOnce(cluster: string, path: string, options: ListOptions, sink: PageSink) {
    const seenTokens = new Set<string>();
    let continueToken: string | undefined;
    do {
      const query = new URLSearchParams({ limit: String(this.options.pageSize) });
      if (continueToken) query.set('continue', continueToken);
      const separator = path.includes('?') ? '&' : '?';
      const body = await this.fetchBody(
        `/proxy${path}${separator}${query}`,
        { ...options.authHeaders, [HEADER_KUBERNETES_CLUSTER]: cluster },
        options.signal,
      );
      const outcome = await sink.page(body);
      if ('problem' in outcome) {
        const what = { 'not-list': 'not a Kubernetes list', 'not-json': 'not valid JSON', 'not-gzip': 'not valid gzip' };
        throw new KubernetesRequestError(`the answer for ${path.split('?')[0]} is ${what[outcome.problem]}`, 502);
      }
      continueToken = outcome.continue || undefined;
      if (continueToken !== undefined) {
        if (seenTokens.has(continueToken)) {
          throw new KubernetesRequestError(
            `the list of ${path.split('?')[0]} did not end: the cluster repeated a continue token`,
            502,
          );
        }
        seenTokens.add(continueToken);
      }
    } while (continueToken);
  }

  /** The kubernetes backend's address and a token for it, reused for a minute. */
  private target(): Promise<{ baseUrl: string; token: string }> {
    const now = Date.now();
    if (!this.reused || now - this.reused.at >= REUSE_MS) {
      const promise = (async () => {
        const baseUrl = await this.options.discovery.getBaseUrl('kubernetes');
        const { token } = await this.options.auth.getPluginRequestToken({
          onBehalfOf: await this.options.auth.getOwnServiceCredentials(),
          targetPluginId: 'kubernetes',
        });
        return { baseUrl, token };
      })();
      this.reused = { at: now, promise };
      // A failure is not kept: the next request tries again.
      promise.catch(() => {
        if (this.reused?.promise === promise) this.reused = undefined;
      });
    }
    return this.reused.promise;
  }

  async listClusters(): Promise<KubernetesClusterInfo[]> {
    const body = await this.request('/clusters', {});
    const items = (body as { items?: KubernetesClusterInfo[] }).items;
    if (!Array.isArray(items)) {
      throw new KubernetesRequestError(
        'The kubernetes backend answered /clusters without an items list',
        502,
      );
    }
    return items.map(c => ({
      name: c.name,
      title: c.title,
      authProvider: c.authProvider,
      oidcTokenProvider: c.oidcTokenProvider,
    }));
  }

  /** GETs one Kubernetes API path of a cluster through the proxy. */
  async get(cluster: string, path: string, options: ListOptions = {}) {
    return this.request(
      `/proxy${path}`,
      {
        ...options.authHeaders,
        [HEADER_KUBERNETES_CLUSTER]: cluster,
      },
      options.signal,
    );
  }

  /**
   * Lists every item of a collection, page by page (`limit` + `continue`).
   * A 410 Gone means the continue token expired because the data changed:
   * the list restarts from the beginning, as client-go's pager does, so the
   * result is one consistent snapshot and never a mix of two.
   *
   * `mapItem` is applied to each item as its page arrives, so a caller that
   * keeps only part of each object never holds the whole collection raw (a
   * large cluster's pods are a gigabyte of JSON).
   */
  async list(
    cluster: string,
    path: string,
    options?: ListOptions,
  ): Promise<Array<Record<string, any>>>;
  async list<T>(
    cluster: string,
    path: string,
    options: ListOptions,
    mapItem: (item: Record<string, any>) => T,
  ): Promise<T[]>;
  async list<T>(
    cluster: string,
    path: string,
    options: ListOptions = {},
    mapItem?: (item: Record<string, any>) => T,
  ): Promise<T[]> {
    const map = mapItem ?? ((item: Record<string, any>) => item as T);
    let items: T[] = [];
    await this.listPages(cluster, path, options, {
      page: async wire => {
        let text: string;
        try {
          text = await bodyText(wire);
        } catch {
          return { problem: 'not-gzip' };
        }
        let body: { items?: unknown; metadata?: { continue?: string } };
        try {
          body = JSON.parse(text);
        } catch {
          return { problem: 'not-json' };
        }
        if (!body || !Array.isArray(body.items)) return { problem: 'not-list' };
        for (const item of body.items) items.push(map(item));
        return { continue: body.metadata?.continue };
      },
      restart: async () => {
        items = [];
      },
    });
    return items;
  }

  private async request(
    path: string,
    headers: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<unknown> {
    const body = await this.fetchBody(path, headers, signal);
    try {
      return JSON.parse(await bodyText(body));
    } catch {
      throw new KubernetesRequestError(
        `the answer for ${path.split('?')[0]} is not valid JSON`,
        502,
      );
    }
  }

  /** One GET through the kubernetes backend: the answer's body as sent, or the plugin's own error. */
  private async fetchBody(path: string, headers: Record<string, string>, signal?: AbortSignal): Promise<WireBody> {
    const { baseUrl, token } = await this.target();
    const timeout = AbortSignal.timeout(this.options.requestTimeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let status: number;
    let body: WireBody;
    try {
      // The body is read inside the try: a timeout or a cut connection can strike mid-body.
      ({ status, body } = await httpGet(`${baseUrl}${path}`, { ...headers, Authorization: `Bearer ${token}` }, combined));
    } catch (e) {
      if (timeout.aborted) {
        throw new KubernetesRequestError(`timed out: no answer within ${this.options.requestTimeoutMs} ms`, 0);
      }
      if (signal?.aborted) {
        throw new KubernetesRequestError('the scan was stopped (timed out)', 0);
      }
      if (e instanceof UnsupportedEncodingError) throw new KubernetesRequestError(e.message, 502);
      throw new KubernetesRequestError('the kubernetes backend could not be reached', 0, undefined, (e as Error).message);
    }
    if (status < 200 || status > 299) {
      throw errorFromResponse(status, await bodyText(body).catch(() => ''));
    }
    return body;
  }
}
