import { ENFORCER_CONFIGMAP_LOCATIONS } from '@netpol/plugin-netpol-compliance-common';
import { ENFORCER_CONFIGMAPS, LISTED_RESOURCES } from './resources';

describe('what the scan reads', () => {
  it('reads the enforcer ConfigMaps of the common list, and only those', () => {
    expect(ENFORCER_CONFIGMAPS).toBe(ENFORCER_CONFIGMAP_LOCATIONS);
    expect(ENFORCER_CONFIGMAPS).toContainEqual({
      namespace: 'cilium',
      name: 'cilium-config',
    });
  });

  it('lists Services cluster-wide (their selectors and ports narrow least-privilege fixes)', () => {
    expect(LISTED_RESOURCES).toContainEqual({
      resource: 'services',
      path: '/api/v1/services',
      kind: 'Service',
      apiVersion: 'v1',
    });
  });

  it('lists each network-policy API kind only where its group version is served', () => {
    const admin = LISTED_RESOURCES.filter(r => r.resource === 'adminpolicies');
    expect(
      admin.map(r => [r.kind, r.apiVersion, r.requiresGroup, r.path]),
    ).toEqual([
      [
        'AdminNetworkPolicy',
        'policy.networking.k8s.io/v1alpha1',
        'policy.networking.k8s.io/v1alpha1',
        '/apis/policy.networking.k8s.io/v1alpha1/adminnetworkpolicies',
      ],
      [
        'BaselineAdminNetworkPolicy',
        'policy.networking.k8s.io/v1alpha1',
        'policy.networking.k8s.io/v1alpha1',
        '/apis/policy.networking.k8s.io/v1alpha1/baselineadminnetworkpolicies',
      ],
      [
        'ClusterNetworkPolicy',
        'policy.networking.k8s.io/v1alpha2',
        'policy.networking.k8s.io/v1alpha2',
        '/apis/policy.networking.k8s.io/v1alpha2/clusternetworkpolicies',
      ],
    ]);
  });
});
