import { calicoNode, ciliumAgent, flannel } from '../enforcers/testRows';
import {
  configMap,
  container,
  daemonSet,
  snapshot,
} from '../testing/builders';
import type { AdminPolicySnapshot } from '../snapshot/types';
import { detectEnforcer } from '../enforcers/detectEnforcer';
import { evaluateEnforcerControl } from './netpol002';

describe('NETPOL-002 control', () => {
  it('the override states the answer with its reason and keeps the detection as evidence', () => {
    const r = evaluateEnforcerControl(snapshot({ controllers: [flannel] }), {
      enforcing: true,
      reason: 'custom eBPF dataplane',
    });
    expect(r.status).toBe('pass');
    expect(r.reason).toBe('Set by configuration: custom eBPF dataplane');
    expect(r.evidence.notes?.[0]).toMatch(/Detection alone would give fail/);
    expect(r.evidence.enforcers?.[0].name).toBe('flannel');
  });

  it('an override can also say no enforcer runs', () => {
    const r = evaluateEnforcerControl(
      snapshot({ controllers: [calicoNode()] }),
      { enforcing: false, reason: 'policies disabled by platform' },
    );
    expect(r.status).toBe('fail');
  });

  it('without override reports the detection', () => {
    const r = evaluateEnforcerControl(
      snapshot({ controllers: [calicoNode()] }),
    );
    expect(r).toMatchObject({ control: 'NETPOL-002', status: 'pass' });
    expect(r.evidence.enforcers?.[0].source).toBe(
      'DaemonSet calico-system/calico-node',
    );
  });
});

const admin = (
  kind: AdminPolicySnapshot['kind'],
  name: string,
): AdminPolicySnapshot => ({
  kind,
  apiVersion:
    kind === 'ClusterNetworkPolicy'
      ? 'policy.networking.k8s.io/v1alpha2'
      : 'policy.networking.k8s.io/v1alpha1',
  name,
  spec: {},
});

describe('NETPOL-002 and the network-policy API kinds', () => {
  it('warns when admin policies sit on a cluster whose enforcer does not implement them', () => {
    const r = evaluateEnforcerControl({
      ...snapshot({ controllers: [ciliumAgent()] }),
      adminPolicies: [
        admin('BaselineAdminNetworkPolicy', 'default'),
        admin('AdminNetworkPolicy', 'deny-db'),
      ],
    });
    expect(r.status).toBe('warning');
    expect(r.reason).toMatch(
      /Cilium does not implement AdminNetworkPolicy: the 1 AdminNetworkPolicy \(deny-db\) in this cluster is stored by the API server but enforced by nothing/,
    );
    expect(r.reason).toMatch(/does not implement BaselineAdminNetworkPolicy/);
  });

  it('passes and names the kinds when the enforcer implements them', () => {
    const r = evaluateEnforcerControl({
      ...snapshot({
        controllers: [calicoNode('calico-system', 'calico/node:v3.32.1')],
      }),
      adminPolicies: [admin('ClusterNetworkPolicy', 'baseline-deny')],
    });
    expect(r.status).toBe('pass');
    expect(r.reason).toMatch(/Calico \(also ClusterNetworkPolicy\) enforces/);
  });

  it('Calico 3.32 dropped AdminNetworkPolicy: warns about the v1alpha1 kinds', () => {
    const d = detectEnforcer(
      snapshot({
        controllers: [calicoNode('calico-system', 'calico/node:v3.32.1')],
      }),
    );
    expect(d.adminPolicySupport).toEqual({
      AdminNetworkPolicy: 'no',
      BaselineAdminNetworkPolicy: 'no',
      ClusterNetworkPolicy: 'yes',
    });
  });

  it('says it cannot tell when the version is not visible', () => {
    const r = evaluateEnforcerControl({
      ...snapshot({ controllers: [calicoNode('calico-system')] }),
      adminPolicies: [admin('AdminNetworkPolicy', 'a')],
    });
    expect(r.status).toBe('warning');
    expect(r.reason).toMatch(
      /Cannot tell whether Calico enforces AdminNetworkPolicy/,
    );
  });

  it('one plugin implementing a kind is enough', () => {
    const d = detectEnforcer(
      snapshot({
        controllers: [
          ciliumAgent(),
          daemonSet('kube-system', 'kube-network-policies', [
            container('kube-network-policies', [
              '--admin-network-policy=true',
              '--baseline-admin-network-policy=true',
            ]),
          ]),
        ],
      }),
    );
    expect(d.adminPolicySupport.AdminNetworkPolicy).toBe('yes');
  });

  it('no warning without admin policies', () => {
    const r = evaluateEnforcerControl(
      snapshot({
        controllers: [ciliumAgent()],
        configMaps: [configMap('kube-system', 'cilium-config', {})],
      }),
    );
    expect(r.status).toBe('pass');
  });
});
