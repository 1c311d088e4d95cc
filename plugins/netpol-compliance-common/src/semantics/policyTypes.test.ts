import { effectivePolicyTypes } from './policyTypes';
import type { NetworkPolicySpec } from '../snapshot/types';

describe('effectivePolicyTypes', () => {
  it.each<[string, NetworkPolicySpec, string[]]>([
    ['nothing: Ingress', {}, ['Ingress']],
    ['ingress rules only: Ingress', { ingress: [{}] }, ['Ingress']],
    [
      'egress rules: Ingress and Egress',
      { egress: [{}] },
      ['Ingress', 'Egress'],
    ],
    [
      'egress: [] without policyTypes: Ingress only (the API server counts rules)',
      { egress: [] },
      ['Ingress'],
    ],
    [
      'empty policyTypes is defaulted',
      { policyTypes: [], egress: [{}] },
      ['Ingress', 'Egress'],
    ],
    ['explicit Egress only', { policyTypes: ['Egress'] }, ['Egress']],
    [
      'explicit both',
      { policyTypes: ['Egress', 'Ingress'] },
      ['Ingress', 'Egress'],
    ],
    [
      'explicit Ingress with egress rules: Ingress only',
      { policyTypes: ['Ingress'], egress: [{}] },
      ['Ingress'],
    ],
  ])('%s', (_n, spec, expected) => {
    expect(effectivePolicyTypes(spec).policyTypes).toEqual(expected);
  });

  it('flags rules that policyTypes makes ineffective', () => {
    expect(
      effectivePolicyTypes({ policyTypes: ['Egress'], ingress: [{}] }).problems,
    ).toEqual(['ingress rules are ignored: policyTypes does not list Ingress']);
    expect(
      effectivePolicyTypes({ policyTypes: ['Ingress'], egress: [{}] }).problems,
    ).toEqual(['egress rules are ignored: policyTypes does not list Egress']);
  });

  it('flags unknown types', () => {
    const r = effectivePolicyTypes({ policyTypes: ['Ingres'] });
    expect(r.policyTypes).toEqual([]);
    expect(r.problems[0]).toMatch(/unknown type "Ingres"/);
  });
});
