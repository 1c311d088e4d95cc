import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NamespaceReport } from '@netpol/plugin-netpol-compliance-common';
import type { KubernetesClusterInfo } from '../kubernetes/KubernetesBackendClient';
import { joinReport, NamespaceSummary } from '../store/reportParts';
import type { StoredCluster } from '../store/ReportStore';
import { ClusterScanner, describeFailure } from './ClusterScanner';

/**
 * One scan with the signed-in user's own `Backstage-Kubernetes-Authorization-*`
 * headers. The result reflects what that user may read, so it is answered
 * to them, held whole, and never stored for others. Never rejects.
 */
export async function scanOnceWithToken(
  deps: { scanner: ClusterScanner; logger: LoggerService; now: () => Date },
  cluster: KubernetesClusterInfo,
  authHeaders: Record<string, string>,
): Promise<StoredCluster> {
  const at = deps.now().toISOString();
  const base = {
    cluster: cluster.name,
    title: cluster.title,
    authProvider: cluster.authProvider,
    oidcTokenProvider: cluster.oidcTokenProvider,
  };
  try {
    const { parts, durationMs } = await deps.scanner.scan(cluster, { authHeaders });
    const failed = parts.head.errors.find(e => e.resource === 'namespaces');
    if (failed) return { ...base, lastAttemptAt: at, lastError: failed.reason };
    const report = joinReport(parts.head, parts.namespaces.map(r => JSON.parse(r.report) as NamespaceReport));
    const index = { head: parts.head, namespaces: parts.namespaces.map(r => JSON.parse(r.summary) as NamespaceSummary) };
    const { scannedAt } = parts.head;
    return { ...base, report, index, scannedAt, durationMs, lastAttemptAt: scannedAt };
  } catch (e) {
    deps.logger.child({ cluster: cluster.name }).warn('User-token scan failed', e as Error);
    return { ...base, lastAttemptAt: at, lastError: describeFailure(e) };
  }
}
