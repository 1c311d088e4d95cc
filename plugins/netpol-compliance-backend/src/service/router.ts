import express from 'express';
import Router from 'express-promise-router';
import type { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CONTROLS, getControl } from '@netpol/plugin-netpol-compliance-common';
import type { ComplianceService } from './ComplianceService';
import { RateLimitedError } from './callerRateLimit';
import { entityRefOf, historyQueryOf, overviewQueryOf, userAuthHeadersOf } from './requestParsing';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  compliance: ComplianceService;
  logger: LoggerService;
  docsBaseUrl?: string;
}

/** Answered here: Backstage's error handler knows no 429. */
function answerRateLimited(error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) {
  if (!(error instanceof RateLimitedError)) {
    next(error);
    return;
  }
  res
    .status(429)
    .set('Retry-After', String(error.retryAfterSeconds))
    .json({ error: { name: error.name, message: error.message }, response: { statusCode: 429 } });
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
    const entityRef = entityRefOf(req.params);
    res.json(await compliance.getEntityCompliance(entityRef, await caller(req), { request: req }));
  });

  // Scans the clusters that need the user's own token with the caller's
  // Backstage-Kubernetes-Authorization-* headers (as the kubernetes plugin's
  // frontend sends them), and answers like GET /entity. Nothing is stored.
  router.post('/entity/:kind/:namespace/:name/scan', async (req, res) => {
    const entityRef = entityRefOf(req.params);
    const authHeaders = userAuthHeadersOf(req.headers);
    res.json(
      await compliance.getEntityCompliance(entityRef, await caller(req), { userAuthHeaders: authHeaders, request: req }),
    );
  });

  router.get('/overview', async (req, res) => {
    res.json(await compliance.getOverview(overviewQueryOf(req.query), await caller(req)));
  });

  router.get('/history', async (req, res) => {
    res.json(await compliance.getHistory(historyQueryOf(req.query), await caller(req)));
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

  router.use(answerRateLimited);

  return router;
}
