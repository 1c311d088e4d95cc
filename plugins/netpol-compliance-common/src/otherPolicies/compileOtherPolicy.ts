import type { OtherPolicySnapshot } from '../snapshot';
import { compileCalicoPolicy } from './calicoPolicy';
import { compileCiliumPolicy } from './ciliumPolicy';
import type { CompiledOtherPolicy } from './compiledOtherPolicy';

/** Compiles a Cilium or Calico policy into its selection. */
export function compileOtherPolicy(
  policy: OtherPolicySnapshot,
): CompiledOtherPolicy {
  return policy.kind === 'CalicoNetworkPolicy' ||
    policy.kind === 'CalicoGlobalNetworkPolicy'
    ? compileCalicoPolicy(policy)
    : compileCiliumPolicy(policy);
}
