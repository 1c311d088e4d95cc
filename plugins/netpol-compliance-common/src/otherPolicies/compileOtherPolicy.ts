import type { OtherPolicySnapshot } from '../snapshot/types';
import type { ModelContext } from '../policyModel/types';
import { compileCalicoPolicy } from './calicoPolicy';
import { compileCiliumPolicy } from './ciliumPolicy';
import type { CompiledOtherPolicy } from './otherPolicyModel';

/** Compiles a Cilium or Calico policy: its selection and its model. */
export function compileOtherPolicy(
  policy: OtherPolicySnapshot,
  ctx?: ModelContext,
): CompiledOtherPolicy {
  return policy.kind === 'CalicoNetworkPolicy' ||
    policy.kind === 'CalicoGlobalNetworkPolicy'
    ? compileCalicoPolicy(policy, ctx)
    : compileCiliumPolicy(policy, ctx);
}
