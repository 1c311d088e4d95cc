import express from 'express';
import Router from 'express-promise-router';
import type { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CONTROLS, getControl, OverviewQuery } from '@netpol/plugin-netpol-compliance-common';
import type { ComplianceService } from './ComplianceService';
import { RateLimitedError } from './callerRateLimit';
import { OVERVIEW_MAX_LIMIT } from './overview';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  compliance: ComplianceService;
  logger: LoggerService;
  docsBaseUrl?: string;
}

/** Headers the kubernetes backend's proxy turns into the user's cluster credentials. */
const USER_AUTH_HEADER_PREFIX = 'backstage-kubernetes-authorization';

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/;

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || value.length > 512) throw new InputError(`Invalid query parameter ${name}`);
  return value;
}

function optionalInt(value: unknown, name: string, min: number, max: number): number | undefined {
  const text = optionalString(value, name);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new InputError(`Invalid query parameter ${name}: expected a whole number from ${min} to ${max}`);
  }
  return n;
}

function optionalEnum<T extends string>(value: unknown, name: string, allowed: readonly T[]): T | undefined {
  const text = optionalString(value, name);
  if (text === undefined) return undefined;
  if (!allowed.includes(text as T)) {
    throw new InputError(`Invalid query parameter ${name}: expected one of ${allowed.join(', ')}`);
  }
  return text as T;
}

export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { httpAuth, compliance, logger, docsBaseUrl } = options;
  const router = Router();
  router.use(express.json());

  const withDocs = (c: (typeof CONTROLS)[number]) => ({
    ...c,
    docsUrl: docsBaseUrl ? `${docsBaseUrl}/${c.id}` : undefined,
  });
  const caller = (req: express.Request) => httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/controls', async (req, res) => {
    await caller(req);
    res.json(CONTROLS.map(withDocs));
  });

  router.get('/controls/:id', async (req, res) => {
    await caller(req);
    const control = getControl(req.params.id);
    if (!control) throw new NotFoundError(`No control ${req.params.id}`);
    res.json(withDocs(control));
  });

  router.get('/entity/:kind/:namespace/:name', async (req, res) => {
    const { kind, namespace, name } = req.params;
    for (const part of [kind, namespace, name]) {
      if (!NAME_PATTERN.test(part)) throw new InputError(`Malformed entity reference part "${part}"`);
    }
    const entityRef = stringifyEntityRef({ kind, namespace, name });
    res.json(await compliance.getEntityCompliance(entityRef, await caller(req), { request: req }));
  });

  // Scans the clusters that need the user's own token with the caller's
  // Backstage-Kubernetes-Authorization-* headers (as the kubernetes plugin's
  // frontend sends them), and answers like GET /entity. Nothing is stored.
  router.post('/entity/:kind/:namespace/:name/scan', async (req, res) => {
    const { kind, namespace, name } = req.params;
    for (const part of [kind, namespace, name]) {
      if (!NAME_PATTERN.test(part)) throw new InputError(`Malformed entity reference part "${part}"`);
    }
    const authHeaders: Record<string, string> = {};
    for (const [header, value] of Object.entries(req.headers)) {
      if (header.startsWith(USER_AUTH_HEADER_PREFIX) && typeof value === 'string') authHeaders[header] = value;
    }
    if (Object.keys(authHeaders).length === 0) {
      throw new InputError(`No ${USER_AUTH_HEADER_PREFIX}* header: nothing to scan with`);
    }
    const entityRef = stringifyEntityRef({ kind, namespace, name });
    res.json(
      await compliance.getEntityCompliance(entityRef, await caller(req), { userAuthHeaders: authHeaders, request: req }),
    );
  });

  router.get('/overview', async (req, res) => {
    const query: OverviewQuery = {
      cluster: optionalString(req.query.cluster, 'cluster'),
      control: optionalString(req.query.control, 'control'),
      status: optionalString(req.query.status, 'status'),
      owner: optionalString(req.query.owner, 'owner'),
      q: optionalString(req.query.q, 'q'),
      sort: optionalEnum(req.query.sort, 'sort', ['cluster', 'namespace', 'owner', 'status'] as const),
      order: optionalEnum(req.query.order, 'order', ['asc', 'desc'] as const),
      offset: optionalInt(req.query.offset, 'offset', 0, 10_000_000),
      limit: optionalInt(req.query.limit, 'limit', 1, OVERVIEW_MAX_LIMIT),
    };
    res.json(await compliance.getOverview(query, await caller(req)));
  });

  router.get('/history', async (req, res) => {
    const query = {
      days: optionalInt(req.query.days, 'days', 1, 366) ?? 30,
      cluster: optionalString(req.query.cluster, 'cluster'),
      namespace: optionalString(req.query.namespace, 'namespace'),
      control: optionalString(req.query.control, 'control'),
    };
    res.json(await compliance.getHistory(query, await caller(req)));
  });

  router.get('/status', async (req, res) => {
    res.json(await compliance.getStatus(await caller(req)));
  });

  router.post('/scan', async (req, res) => {
    const cluster = req.body?.cluster;
    if (cluster !== undefined && (typeof cluster !== 'string' || !cluster)) {
      throw new InputError('Invalid body: "cluster" must be a cluster name');
    }
    const { done } = await compliance.scan(await caller(req), { cluster, request: req });
    if (req.query.wait === 'true') {
      res.json(await done);
      return;
    }
    // Otherwise started, not awaited: a scan of many clusters outlives an HTTP request.
    done.catch(e => logger.error(`On-demand scan failed: ${e.message}`));
    res.status(202).json({ status: 'started' });
  });

  // Answered here: Backstage's error handler knows no 429.
  router.use((error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (!(error instanceof RateLimitedError)) {
      next(error);
      return;
    }
    res
      .status(429)
      .set('Retry-After', String(error.retryAfterSeconds))
      .json({ error: { name: error.name, message: error.message }, response: { statusCode: 429 } });
  });

  return router;
}
