import { useCallback, useState } from 'react';
import { useApiHolder } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { kubernetesAuthProvidersApiRef } from '@backstage/plugin-kubernetes-react';
import type {
  EntityClusterView,
  EntityComplianceResponse,
} from '@netpol/plugin-netpol-compliance-common';
import type { NetpolComplianceApi } from '../../api';

/**
 * The header the kubernetes backend's proxy turns into the user's cluster
 * credential, named as the kubernetes plugin's own client names it.
 */
export function kubernetesAuthHeaderName(cluster: EntityClusterView['cluster']) {
  return [
    'Backstage-Kubernetes-Authorization',
    cluster.authProvider,
    cluster.oidcTokenProvider,
  ]
    .filter(Boolean)
    .join('-');
}

/**
 * Scans the clusters that need the signed-in user's own token, with the
 * tokens the kubernetes plugin's auth providers give (Google, OIDC, AKS).
 * `available` is false when the app has no kubernetes auth providers API
 * (the kubernetes frontend plugin is not installed).
 */
export function useUserTokenScan(options: {
  api: NetpolComplianceApi;
  entityRef: CompoundEntityRef;
  clusters: EntityClusterView[];
}) {
  const { api, entityRef, clusters } = options;
  const authProviders = useApiHolder().get(kubernetesAuthProvidersApiRef);
  const [result, setResult] = useState<EntityComplianceResponse>();
  const [scanning, setScanning] = useState(false);
  const [error, setError] = useState<Error>();
  const userTokenClusters = clusters.filter(c => c.cluster.needsUserToken);

  const scan = useCallback(async () => {
    if (!authProviders) return;
    setScanning(true);
    setError(undefined);
    try {
      const headers: Record<string, string> = {};
      for (const { cluster } of userTokenClusters) {
        const provider =
          cluster.authProvider === 'oidc'
            ? `oidc.${cluster.oidcTokenProvider}`
            : cluster.authProvider!;
        const { token } = await authProviders.getCredentials(provider);
        if (token) headers[kubernetesAuthHeaderName(cluster)] = token;
      }
      setResult(await api.scanEntityWithUserToken(entityRef, headers));
    } catch (e) {
      setError(e as Error);
    } finally {
      setScanning(false);
    }
  }, [api, authProviders, entityRef, userTokenClusters]);

  return {
    needed: userTokenClusters.length > 0,
    available: Boolean(authProviders),
    scanning,
    error,
    result,
    scan,
  };
}
