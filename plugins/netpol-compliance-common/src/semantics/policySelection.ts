/**
 * Which pods a NetworkPolicy selects: the pods of its own namespace whose
 * labels match its podSelector (`{}` or absent: all of them; invalid:
 * none). A selected pod is isolated in the directions of the policy's
 * policyTypes. hostNetwork and finished pods are left out: policies do not
 * apply to them.
 */
import type { NetworkPolicySnapshot, PodSnapshot } from '../snapshot/types';
import { CompileCache } from './compileCache';
import { isProtectablePod } from '../workloads/resolveWorkloads';
import { compileNetworkPolicy } from './compilePolicy';

/** @public */
export function selectedPods(
  policy: NetworkPolicySnapshot,
  pods: PodSnapshot[],
): PodSnapshot[] {
  const compiled = compileNetworkPolicy(policy, new CompileCache());
  return pods.filter(
    p =>
      p.namespace === policy.namespace &&
      isProtectablePod(p) &&
      compiled.podSelector.matches(p.labels ?? {}),
  );
}
