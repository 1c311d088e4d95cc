import type { BackstageCredentials, PermissionsService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  kubernetesClustersReadPermission,
  kubernetesResourcesReadPermission,
} from '@backstage/plugin-kubernetes-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/**
 * The kubernetes plugin's own read permissions, which its entity tab needs:
 * `kubernetes.clusters.read` (GET /clusters: cluster names and auth
 * providers) and `kubernetes.resources.read` (the entity's workloads).
 * The entity view shows both kinds of data, read with the plugin's own
 * credentials, so it asks for both, with the caller's credentials and
 * without a resource, exactly as the kubernetes backend checks them.
 */
export const ENTITY_VIEW_KUBERNETES_PERMISSIONS = [
  kubernetesClustersReadPermission,
  kubernetesResourcesReadPermission,
];

/** Throws NotAllowedError, naming what is missing, unless the caller holds both. */
export async function requireKubernetesRead(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
): Promise<void> {
  const decisions = await permissions.authorize(
    ENTITY_VIEW_KUBERNETES_PERMISSIONS.map(permission => ({ permission })),
    { credentials },
  );
  const denied = ENTITY_VIEW_KUBERNETES_PERMISSIONS.filter(
    (_, i) => decisions[i]?.result !== AuthorizeResult.ALLOW,
  );
  if (denied.length) {
    throw new NotAllowedError(
      `Not allowed: the entity view shows Kubernetes data, which needs ${denied.map(p => p.name).join(' and ')} (the kubernetes plugin's own permissions)`,
    );
  }
}

/** Who the caller is, as one string: the key of per-caller limits and audit records. */
export function callerKey(credentials: BackstageCredentials): string {
  const p = credentials.principal as { type: string; userEntityRef?: string; subject?: string };
  if (p.type === 'user' && p.userEntityRef) return p.userEntityRef;
  if (p.type === 'service' && p.subject) return `service:${p.subject}`;
  return p.type;
}
