import * as api from './index';

describe('public API', () => {
  it.each([
    'evaluateCluster',
    'buildClusterSnapshot',
    'checkReachability',
    'createReachabilityChecker',
    'generateRemediation',
    'reportFindings',
    'detectEnforcer',
    'matchesSelector',
    'parseLabelSelectorString',
    'parseCalicoSelector',
    'compileLabelSelector',
    'validateLabelSelector',
    'formatLabelSelector',
    'effectivePolicyTypes',
    'selectedPods',
    'ipBlockMatches',
    'resolveWorkloads',
    'isProtectablePod',
    'getControl',
  ])('exports the function %s', name => {
    expect(typeof (api as Record<string, unknown>)[name]).toBe('function');
  });

  it('exports the constants and the error class', () => {
    expect(api.CONTROLS.map(c => c.id)).toEqual([
      'NETPOL-001',
      'NETPOL-002',
      'NETPOL-003',
      'NETPOL-004',
      'NETPOL-005',
      'NETPOL-006',
      'NETPOL-007',
    ]);
    expect(api.DEFAULT_EXEMPT_NAMESPACES).toEqual([
      'kube-system',
      'kube-public',
      'kube-node-lease',
    ]);
    expect(api.ENFORCER_NAMESPACES).toContain('calico-system');
    expect(api.ENFORCER_CONFIGMAPS).toEqual([
      'amazon-vpc-cni',
      'cilium-config',
      'antrea-config',
    ]);
    expect(api.ENFORCER_CONFIGMAP_LOCATIONS).toContainEqual({
      namespace: 'cilium',
      name: 'cilium-config',
    });
    expect(new api.ReachabilityQueryError('x')).toBeInstanceOf(Error);
  });
});
