import express from 'express';
import Router from 'express-promise-router';
import type { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  CONTROLS,
  EntityComplianceResponse,
  getControl,
} from '@netpol/plugin-netpol-compliance-common';
import { mapEntity } from '../mapping/entityMapping';
import { buildEntityClusterViews } from './entityView';
import type { ScanService } from '../scan/ScanService';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  scans: ScanService;
  logger: LoggerService;
  docsBaseUrl?: string;
}

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/;

export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { httpAuth, catalog, scans, logger, docsBaseUrl } = options;
  const router = Router();
  router.use(express.json());

  const withDocs = (c: (typeof CONTROLS)[number]) => ({
    ...c,
    docsUrl: docsBaseUrl ? `${docsBaseUrl}/${c.id}` : undefined,
  });

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/controls', (_req, res) => {
    res.json(CONTROLS.map(withDocs));
  });

  router.get('/controls/:id', (req, res) => {
    const control = getControl(req.params.id);
    if (!control) throw new NotFoundError(`No control ${req.params.id}`);
    res.json(withDocs(control));
  });

  router.get('/entity/:kind/:namespace/:name', async (req, res) => {
    const { kind, namespace, name } = req.params;
    for (const part of [kind, namespace, name]) {
      if (!NAME_PATTERN.test(part)) throw new InputError(`Malformed entity reference part "${part}"`);
    }
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const entityRef = stringifyEntityRef({ kind, namespace, name });
    // Asked with the caller's credentials: an entity they may not read is
    // answered exactly like one that does not exist.
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
    const mapping = mapEntity(entity);
    const body: EntityComplianceResponse = {
      entityRef: stringifyEntityRef(entity),
      mapping,
      clusters: buildEntityClusterViews(mapping, await scans.storedClusters()),
    };
    res.json(body);
  });

  router.get('/status', async (_req, res) => {
    const clusters = await scans.storedClusters();
    res.json({
      clusters: clusters.map(c => ({
        name: c.cluster,
        title: c.title,
        scannedAt: c.scannedAt,
        durationMs: c.durationMs,
        lastAttemptAt: c.lastAttemptAt,
        lastError: c.lastError,
        namespaces: c.report?.namespaces.length,
        readErrors: c.report?.errors ?? [],
      })),
    });
  });

  router.post('/scan', async (req, res) => {
    const scan = scans.scanAll();
    if (req.query.wait === 'true') {
      res.json(await scan);
      return;
    }
    // Otherwise started, not awaited: a scan of many clusters outlives an HTTP request.
    scan.catch(e => logger.error(`On-demand scan failed: ${e.message}`));
    res.status(202).json({ status: 'started' });
  });

  return router;
}
