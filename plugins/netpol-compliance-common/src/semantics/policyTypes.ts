/**
 * Which directions a NetworkPolicy isolates.
 *
 * When `policyTypes` is absent or empty the API server defaults it (see
 * `SetDefaults_NetworkPolicy` in kubernetes/pkg/apis/networking/v1):
 * Ingress always, plus Egress when the policy has at least one egress rule.
 * Note the corner: `egress: []` without policyTypes isolates ingress only,
 * because the default looks at the number of rules, not at the key.
 * Live objects already carry the defaulted list; manifests from Git do not.
 */
import type { NetworkPolicySpec } from '../snapshot/types';

/** @public */
export type Direction = 'ingress' | 'egress';

/** @public */
export interface PolicyTypesResult {
  policyTypes: string[];
  ingress: boolean;
  egress: boolean;
  /** True when the list was defaulted (absent or empty). */
  defaulted: boolean;
  problems: string[];
}

/** @public */
export function effectivePolicyTypes(
  spec: NetworkPolicySpec | undefined,
): PolicyTypesResult {
  const declared = Array.isArray(spec?.policyTypes) ? spec!.policyTypes : [];
  const problems: string[] = [];
  if (declared.length === 0) {
    const egress = Array.isArray(spec?.egress) && spec!.egress.length > 0;
    return {
      policyTypes: egress ? ['Ingress', 'Egress'] : ['Ingress'],
      ingress: true,
      egress,
      defaulted: true,
      problems,
    };
  }
  let ingress = false;
  let egress = false;
  for (const t of declared) {
    if (t === 'Ingress') ingress = true;
    else if (t === 'Egress') egress = true;
    else problems.push(`policyTypes: unknown type "${t}" (Ingress or Egress)`);
  }
  if (!ingress && Array.isArray(spec?.ingress) && spec!.ingress.length > 0) {
    problems.push(
      'ingress rules are ignored: policyTypes does not list Ingress',
    );
  }
  if (!egress && Array.isArray(spec?.egress) && spec!.egress.length > 0) {
    problems.push('egress rules are ignored: policyTypes does not list Egress');
  }
  const policyTypes: string[] = [];
  if (ingress) policyTypes.push('Ingress');
  if (egress) policyTypes.push('Egress');
  return { policyTypes, ingress, egress, defaulted: false, problems };
}
