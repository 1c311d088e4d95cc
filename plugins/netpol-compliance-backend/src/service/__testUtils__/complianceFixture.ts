import type { AuditorService, PermissionsService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { ClusterReport } from '@netpol/plugin-netpol-compliance-common';
import { clusterReport } from '../../__testUtils__/clusterReport';
import type { ScanService } from '../../scan/ScanService';
import { fleetFreshness } from '../../scan/freshness';
import type { StoredCluster } from '../../store/ReportStore';
import { ComplianceService } from '../ComplianceService';

export const SCANNED_AT = '2026-01-01T00:00:00.000Z';

/** prod: namespace `shop` runs shop-web, `payments` runs the payments team's api. */
export function prodReport(scannedAt = SCANNED_AT): ClusterReport {
  const report = clusterReport('prod', scannedAt, { shop: 'fail', payments: 'pass' });
  const workload = (name: string, labels: Record<string, string>) =>
    ({ kind: 'Deployment', name, labels, pods: 1, ingressPolicies: [], egressPolicies: [], otherPolicies: [] }) as any;
  report.namespaces[0].workloads = [
    workload('shop-web', { app: 'shop-web', 'backstage.io/kubernetes-id': 'shop-web', team: 'shop' }),
  ];
  report.namespaces[1].workloads = [workload('payments-api', { app: 'payments-api', team: 'payments' })];
  return report;
}

export function component(name: string, annotations: Record<string, string>, owner = 'group:default/team-shop'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { owner },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

export const shopWeb = component('shop-web', { 'backstage.io/kubernetes-namespace': 'shop' });

/** What the fake auditor was told, in order. */
export interface AuditRecord {
  eventId: string;
  status: 'initiated' | 'succeeded' | 'failed';
  severityLevel?: string;
  meta?: Record<string, unknown>;
  error?: string;
  hasRequest: boolean;
}

export function recordingAuditor(): AuditorService & { records: AuditRecord[] } {
  const records: AuditRecord[] = [];
  return {
    records,
    async createEvent(options) {
      const base = {
        eventId: options.eventId,
        severityLevel: options.severityLevel,
        hasRequest: Boolean(options.request),
      };
      records.push({ ...base, status: 'initiated', meta: options.meta });
      return {
        async success(params) {
          records.push({ ...base, status: 'succeeded', meta: { ...options.meta, ...params?.meta } });
        },
        async fail(params) {
          records.push({ ...base, status: 'failed', meta: { ...options.meta, ...params.meta }, error: params.error.message });
        },
      };
    },
  };
}

/** Denies the named permissions (to everyone, or to one user), allows the rest. */
export function permissionsDenying(names: string[], onlyFor?: string): PermissionsService {
  return {
    async authorize(requests, { credentials }) {
      const user = (credentials.principal as { userEntityRef?: string }).userEntityRef;
      return requests.map(r => ({
        result:
          names.includes(r.permission.name) && (!onlyFor || user === onlyFor)
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })) as any;
    },
    async authorizeConditional(requests) {
      return requests.map(() => ({ result: AuthorizeResult.ALLOW })) as any;
    },
  };
}

export interface FixtureOptions {
  entities?: Entity[];
  permissions?: PermissionsService;
  config?: object;
  stored?: StoredCluster[];
  scans?: Partial<Record<keyof ScanService, unknown>>;
}

/** A ComplianceService over an in-memory catalog and a fake ScanService. */
export function complianceFixture(options: FixtureOptions = {}) {
  const entities = options.entities ?? [shopWeb];
  const report = prodReport();
  const stored = options.stored ?? [
    { cluster: 'prod', title: 'PROD', report, scannedAt: report.scannedAt, lastAttemptAt: report.scannedAt },
  ];
  const getEntityByRef = jest.fn(async (ref: string) =>
    entities.find(e => `component:default/${e.metadata.name}` === ref),
  );
  const getEntities = jest.fn(async () => ({ items: entities }));
  const scans = {
    storedClusters: jest.fn(async () => stored),
    clusterIndexes: jest.fn(async () => stored),
    namespaceReports: jest.fn(async () => []),
    scanAll: jest.fn(async () => ({ clusters: [{ name: 'prod', ok: true }] })),
    startScanOf: jest.fn(async (name: string) => ({ done: Promise.resolve({ clusters: [{ name, ok: true }] }) })),
    clusterInfo: jest.fn(() => ({ name: 'prod', authProvider: 'serviceAccount' })),
    scanWithUserToken: jest.fn(async () => []),
    history: jest.fn(async () => []),
    // Every stored cluster listed: the fleet as the real service derives it.
    fleet: jest.fn(async (given?: StoredCluster[]) =>
      fleetFreshness(stored.map(c => c.cluster), given ?? stored, Date.now()),
    ),
    ...options.scans,
  };
  const auditor = recordingAuditor();
  const service = new ComplianceService({
    catalog: { getEntityByRef, getEntities } as unknown as CatalogService,
    auth: mockServices.auth(),
    permissions: options.permissions ?? mockServices.permissions(),
    scans: scans as unknown as ScanService,
    auditor,
    config: new ConfigReader({ netpolCompliance: options.config ?? {} }),
  });
  return { service, scans, auditor, getEntities, getEntityByRef };
}
