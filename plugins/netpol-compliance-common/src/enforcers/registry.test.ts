import {
  ENFORCER_CONFIGMAP_LOCATIONS,
  ENFORCER_CONFIGMAPS,
  ENFORCER_DETECTORS,
  ENFORCER_NAMESPACES,
  isEnforcerConfigMap,
} from './registry';

describe('the one list of enforcer namespaces and ConfigMaps', () => {
  it('reads cilium-config in each namespace Cilium installs into', () => {
    for (const namespace of ['kube-system', 'cilium', 'cilium-system'])
      expect(ENFORCER_CONFIGMAP_LOCATIONS).toContainEqual({
        namespace,
        name: 'cilium-config',
      });
  });

  it('reads amazon-vpc-cni in kube-system only', () => {
    expect(
      ENFORCER_CONFIGMAP_LOCATIONS.filter(l => l.name === 'amazon-vpc-cni'),
    ).toEqual([{ namespace: 'kube-system', name: 'amazon-vpc-cni' }]);
  });

  it('never lists a team namespace', () => {
    expect(isEnforcerConfigMap('shop', 'cilium-config')).toBe(false);
    expect(ENFORCER_NAMESPACES).not.toContain('default');
  });

  it('namespaces and ConfigMap names are derived from the detectors', () => {
    expect(new Set(ENFORCER_NAMESPACES)).toEqual(
      new Set(ENFORCER_DETECTORS.flatMap(d => d.namespaces)),
    );
    expect(ENFORCER_CONFIGMAPS).toEqual([
      ...new Set(ENFORCER_CONFIGMAP_LOCATIONS.map(l => l.name)),
    ]);
    for (const l of ENFORCER_CONFIGMAP_LOCATIONS)
      expect(ENFORCER_NAMESPACES).toContain(l.namespace);
  });
});
