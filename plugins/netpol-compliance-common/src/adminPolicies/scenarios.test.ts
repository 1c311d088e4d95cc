/**
 * Scenario tests written from the network-policy API's documentation and
 * conformance cases (conformance/base and conformance/tests in
 * kubernetes-sigs/network-policy-api): the houses of the conformance suite,
 * each action, tier and peer type, priority order, Pass, and how the admin
 * and baseline tiers meet NetworkPolicies. A connection is allowed when the
 * client's egress and the server's ingress both allow it.
 */
import type {
  AdminPolicySnapshot,
  ContainerPortSnapshot,
  NetworkPolicySnapshot,
} from '../snapshot/types';
import { compileNetworkPolicy } from '../semantics/compilePolicy';
import { portSetContains } from '../semantics/ports';
import { CompileCache } from '../semantics/compileCache';
import { modelContext } from '../policyModel/context';
import { evaluateDirection } from '../policyModel/evaluate';
import { byOrder } from '../policyModel/tierOrder';
import { isIsolated } from '../policyModel/strangers';
import { networkPolicyModel } from '../policyModel/fromNetworkPolicy';
import { modelPod } from '../policyModel/modelPod';
import { NAMESPACE_NAME_LABEL } from '../snapshot/wellKnownLabels';
import type {
  ModelPod,
  ModelPolicy,
  ModelPolicySet,
} from '../policyModel/types';
import { clusterScopedPolicies } from '../engine/clusterScopedPolicies';
import { netpol, ns, snapshot } from '../testing/builders';

const V1 = 'policy.networking.k8s.io/v1alpha1';
const V2 = 'policy.networking.k8s.io/v1alpha2';

const HOUSES = ['gryffindor', 'slytherin', 'hufflepuff', 'ravenclaw'];
const namespaces = HOUSES.map(h =>
  ns(`network-policy-conformance-${h}`, { 'conformance-house': h }),
);
const nsOf = (house: string) => `network-policy-conformance-${house}`;

// The server ports of conformance/base/manifests.yaml.
const SERVER_PORTS: ContainerPortSnapshot[] = [
  { name: 'web', containerPort: 80, protocol: 'TCP' },
  { containerPort: 8080, protocol: 'TCP' },
  { containerPort: 5353, protocol: 'UDP' },
  { name: 'dns', containerPort: 53, protocol: 'UDP' },
  { containerPort: 9003, protocol: 'SCTP' },
];

const ctx = modelContext(
  namespaces.map(n => ({ name: n.name, labels: n.labels })),
);

function housePod(
  house: string,
  labels: Record<string, string> = {},
): ModelPod {
  return modelPod(
    nsOf(house),
    { 'conformance-house': house, [NAMESPACE_NAME_LABEL]: nsOf(house) },
    { 'conformance-house': house, ...labels },
    undefined,
    SERVER_PORTS,
  );
}

type Obj = Record<string, any>;

function admin(
  kind: AdminPolicySnapshot['kind'],
  name: string,
  spec: Obj,
): AdminPolicySnapshot {
  return {
    kind,
    apiVersion: kind === 'ClusterNetworkPolicy' ? V2 : V1,
    name,
    spec,
  };
}

const house = (h: string) => ({
  namespaces: { matchLabels: { 'conformance-house': h } },
});

class Cluster {
  private readonly models: ModelPolicy[];
  constructor(
    adminPolicies: AdminPolicySnapshot[],
    netpols: NetworkPolicySnapshot[] = [],
  ) {
    const cache = new CompileCache();
    this.models = [
      ...clusterScopedPolicies(
        { ...snapshot({ namespaces }), adminPolicies },
        ctx,
      ),
      ...netpols.map(p =>
        networkPolicyModel(compileNetworkPolicy(p, cache), ctx),
      ),
    ];
  }

  policy(label: string): ModelPolicy {
    return this.models.find(m => m.label === label)!;
  }

  setFor(pod: ModelPod): ModelPolicySet {
    const of = (tier: ModelPolicy['tier']) =>
      this.models.filter(m => m.tier === tier && m.selects(pod)).sort(byOrder);
    return {
      admin: of('admin'),
      namespace: of('namespace'),
      baseline: of('baseline'),
    };
  }

  /** Whether `client` reaches `server` on protocol/port (egress and ingress both allow). */
  reaches(
    client: ModelPod,
    server: ModelPod,
    port: number,
    protocol = 'TCP',
  ): boolean {
    const egress = evaluateDirection(this.setFor(client), 'egress', client, {
      kind: 'pod',
      pod: server,
    });
    const ingress = evaluateDirection(this.setFor(server), 'ingress', server, {
      kind: 'pod',
      pod: client,
    });
    return (
      portSetContains(egress.allowed, protocol, port) &&
      portSetContains(ingress.allowed, protocol, port)
    );
  }

  ingress(server: ModelPod, client: ModelPod) {
    return evaluateDirection(this.setFor(server), 'ingress', server, {
      kind: 'pod',
      pod: client,
    });
  }

  egressTo(client: ModelPod, ip: string) {
    return evaluateDirection(this.setFor(client), 'egress', client, {
      kind: 'ip',
      ip,
    });
  }
}

const harry = housePod('gryffindor');
const draco = housePod('slytherin');
const cedric = housePod('hufflepuff');
const luna = housePod('ravenclaw');

/** conformance/base/api_integration/standard-anp-np-banp.yaml, with the action under test. */
function passExample(action: string) {
  return admin('ClusterNetworkPolicy', 'pass-example', {
    tier: 'Admin',
    priority: 10,
    subject: house('gryffindor'),
    ingress: [
      { name: 'ingress-from-slytherin', action, from: [house('slytherin')] },
    ],
    egress: [{ name: 'egress-to-slytherin', action, to: [house('slytherin')] }],
  });
}
const baselineDenySlytherin = admin('ClusterNetworkPolicy', 'default', {
  tier: 'Baseline',
  priority: 10,
  subject: house('gryffindor'),
  ingress: [{ action: 'Deny', from: [house('slytherin')] }],
  egress: [{ action: 'Deny', to: [house('slytherin')] }],
});
const npAllowSlytherin = netpol(
  nsOf('gryffindor'),
  'allow-gress-from-to-slytherin-to-gryffindor',
  {
    podSelector: {},
    policyTypes: ['Ingress', 'Egress'],
    ingress: [
      {
        from: [
          {
            namespaceSelector: {
              matchLabels: { 'conformance-house': 'slytherin' },
            },
          },
        ],
      },
    ],
    egress: [
      {
        to: [
          {
            namespaceSelector: {
              matchLabels: { 'conformance-house': 'slytherin' },
            },
          },
        ],
      },
    ],
  },
);

describe('admin tier, NetworkPolicy, baseline tier (conformance: api integration)', () => {
  it('an admin Deny wins over a NetworkPolicy that allows', () => {
    const c = new Cluster(
      [passExample('Deny'), baselineDenySlytherin],
      [npAllowSlytherin],
    );
    expect(c.reaches(draco, harry, 80)).toBe(false);
    expect(c.reaches(draco, harry, 8080)).toBe(false);
    expect(c.reaches(harry, draco, 80)).toBe(false);
  });

  it('Pass hands the traffic to the NetworkPolicy, which allows it', () => {
    const c = new Cluster(
      [passExample('Pass'), baselineDenySlytherin],
      [npAllowSlytherin],
    );
    expect(c.reaches(draco, harry, 80)).toBe(true);
    expect(c.reaches(harry, draco, 8080)).toBe(true);
  });

  it('Pass with no NetworkPolicy selecting the pod goes on to the baseline, which denies', () => {
    const c = new Cluster([passExample('Pass'), baselineDenySlytherin]);
    expect(c.reaches(draco, harry, 80)).toBe(false);
    expect(c.reaches(harry, draco, 80)).toBe(false);
  });

  it('Pass with nothing after it ends in the default allow', () => {
    const c = new Cluster([passExample('Pass')]);
    expect(c.reaches(draco, harry, 80)).toBe(true);
  });

  it('an admin Accept opens what a namespace default deny closes', () => {
    const denyAll = netpol(nsOf('gryffindor'), 'deny-all', {
      podSelector: {},
      policyTypes: ['Ingress'],
    });
    expect(new Cluster([], [denyAll]).reaches(draco, harry, 80)).toBe(false);
    expect(
      new Cluster([passExample('Accept')], [denyAll]).reaches(draco, harry, 80),
    ).toBe(true);
  });

  it('a NetworkPolicy selecting the pod decides before the baseline, whatever it says', () => {
    // The baseline denies slytherin, but the NetworkPolicy isolates and allows it.
    const c = new Cluster([baselineDenySlytherin], [npAllowSlytherin]);
    expect(c.reaches(draco, harry, 80)).toBe(true);
    // A baseline Allow cannot re-open what an isolating NetworkPolicy does not allow.
    const baselineAllowHufflepuff = admin(
      'BaselineAdminNetworkPolicy',
      'default',
      {
        subject: house('gryffindor'),
        ingress: [{ action: 'Allow', from: [house('hufflepuff')] }],
      },
    );
    expect(
      new Cluster([baselineAllowHufflepuff], [npAllowSlytherin]).reaches(
        cedric,
        harry,
        80,
      ),
    ).toBe(false);
  });

  it('the baseline decides only for the traffic its rules match; the rest is allowed', () => {
    const c = new Cluster([baselineDenySlytherin]);
    expect(c.reaches(draco, harry, 80)).toBe(false);
    expect(c.reaches(cedric, harry, 80)).toBe(true);
    expect(c.reaches(luna, cedric, 80)).toBe(true);
  });
});

describe('priority and rule order (conformance: priority field)', () => {
  const deny50 = admin('AdminNetworkPolicy', 'priority-50-example', {
    priority: 50,
    subject: house('gryffindor'),
    ingress: [{ action: 'Deny', from: [house('slytherin')] }],
  });
  const pass = (priority: number) =>
    admin('AdminNetworkPolicy', 'old-priority-60-new-priority-40-example', {
      priority,
      subject: house('gryffindor'),
      ingress: [{ action: 'Pass', from: [house('slytherin')] }],
    });

  it('the lower priority value goes first', () => {
    expect(new Cluster([deny50, pass(60)]).reaches(draco, harry, 80)).toBe(
      false,
    );
    expect(new Cluster([deny50, pass(40)]).reaches(draco, harry, 80)).toBe(
      true,
    );
  });

  it('within a policy, the first matching rule decides', () => {
    const c = new Cluster([
      admin('AdminNetworkPolicy', 'ordered', {
        priority: 1,
        subject: house('gryffindor'),
        ingress: [
          {
            action: 'Allow',
            from: [house('slytherin')],
            ports: [{ portNumber: { protocol: 'TCP', port: 80 } }],
          },
          { action: 'Deny', from: [house('slytherin')] },
        ],
      }),
    ]);
    expect(c.reaches(draco, harry, 80)).toBe(true);
    expect(c.reaches(draco, harry, 8080)).toBe(false);
    const d = c.ingress(harry, draco);
    expect(d.denies.map(s => `${s.policy.label} rule ${s.rule.index}`)).toEqual(
      ['AdminNetworkPolicy ordered rule 2'],
    );
  });

  it('two admin policies sharing a priority: the answer says the order is undefined', () => {
    const c = new Cluster([deny50, { ...pass(50), name: 'also-50' }]);
    expect(
      c.policy('AdminNetworkPolicy priority-50-example').problems.join(),
    ).toMatch(
      /shares admin tier priority 50 with AdminNetworkPolicy also-50: the network-policy API leaves the order of equal priorities undefined/,
    );
  });

  it('a ClusterNetworkPolicy Pass in the admin tier skips the rest of that tier', () => {
    const c = new Cluster([
      admin('ClusterNetworkPolicy', 'pass-first', {
        tier: 'Admin',
        priority: 1,
        subject: house('gryffindor'),
        ingress: [{ action: 'Pass', from: [house('slytherin')] }],
      }),
      admin('ClusterNetworkPolicy', 'deny-later', {
        tier: 'Admin',
        priority: 2,
        subject: house('gryffindor'),
        ingress: [{ action: 'Deny', from: [house('slytherin')] }],
      }),
    ]);
    expect(c.reaches(draco, harry, 80)).toBe(true);
  });
});

describe('peers (conformance: gress rules)', () => {
  it('pods peers need both the namespace and the pod labels', () => {
    const c = new Cluster([
      admin('AdminNetworkPolicy', 'deny-draco', {
        priority: 5,
        subject: {
          pods: {
            namespaceSelector: {},
            podSelector: { matchLabels: { 'conformance-house': 'gryffindor' } },
          },
        },
        ingress: [
          {
            action: 'Deny',
            from: [
              {
                pods: {
                  namespaceSelector: {
                    matchLabels: { 'conformance-house': 'slytherin' },
                  },
                  podSelector: { matchLabels: { student: 'draco' } },
                },
              },
            ],
          },
        ],
      }),
    ]);
    const dracoMalfoy = housePod('slytherin', { student: 'draco' });
    expect(c.reaches(dracoMalfoy, harry, 80)).toBe(false);
    expect(c.reaches(draco, harry, 80)).toBe(true);
  });

  it('egress networks match addresses outside the cluster', () => {
    const c = new Cluster([
      admin('AdminNetworkPolicy', 'deny-internet', {
        priority: 5,
        subject: house('gryffindor'),
        egress: [
          { action: 'Allow', to: [{ networks: ['192.0.2.0/24'] }] },
          { action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] },
        ],
      }),
    ]);
    expect(
      portSetContains(c.egressTo(harry, '192.0.2.7').allowed, 'TCP', 443),
    ).toBe(true);
    expect(
      portSetContains(c.egressTo(harry, '198.51.100.1').allowed, 'TCP', 443),
    ).toBe(false);
    // IPv6 is another family: 0.0.0.0/0 does not cover it.
    expect(
      portSetContains(c.egressTo(harry, '2001:db8::1').allowed, 'TCP', 443),
    ).toBe(true);
  });

  it('nodes peers cannot be evaluated from a snapshot and say so', () => {
    const c = new Cluster([
      admin('AdminNetworkPolicy', 'deny-nodes', {
        priority: 5,
        subject: house('gryffindor'),
        egress: [{ action: 'Deny', to: [{ nodes: {} }] }],
      }),
    ]);
    expect(c.policy('AdminNetworkPolicy deny-nodes').problems.join()).toMatch(
      /egress rule 1: nodes \(all\): node addresses are not in the snapshot/,
    );
  });
});

describe('addresses and host-networked pods', () => {
  const denyNet = new Cluster([
    admin('ClusterNetworkPolicy', 'deny-pod-range', {
      tier: 'Admin',
      priority: 5,
      subject: house('gryffindor'),
      egress: [{ action: 'Deny', to: [{ networks: ['10.244.0.0/16'] }] }],
    }),
  ]);

  it('a networks peer also matches a pod by its address (cluster-internal traffic is checked too)', () => {
    const inRange = { ...draco, ips: ['10.244.1.7'] };
    const outside = { ...cedric, ips: ['10.96.0.9'] };
    expect(denyNet.reaches(harry, inRange, 80)).toBe(false);
    expect(denyNet.reaches(harry, outside, 80)).toBe(true);
  });

  it('host-networked pods are in no subject and no namespaces peer', () => {
    const c = new Cluster([passExample('Deny')]);
    const hostHarry = { ...harry, hostNetwork: true };
    const hostDraco = { ...draco, hostNetwork: true };
    expect(c.reaches(draco, hostHarry, 80)).toBe(true);
    expect(c.reaches(hostDraco, harry, 80)).toBe(true);
    expect(c.reaches(draco, harry, 80)).toBe(false);
  });
});

describe('isolation by the admin and baseline tiers', () => {
  const banpDenyAll = admin('BaselineAdminNetworkPolicy', 'default', {
    subject: house('gryffindor'),
    ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }],
    egress: [
      {
        action: 'Deny',
        to: [{ namespaces: {} }, { networks: ['0.0.0.0/0', '::/0'] }],
      },
    ],
  });

  it('a baseline deny of every pod and every address isolates egress; ingress stays open to outside sources', () => {
    const c = new Cluster([banpDenyAll]);
    expect(isIsolated(c.setFor(harry), harry, 'ingress')).toBe(false);
    expect(isIsolated(c.setFor(harry), harry, 'egress')).toBe(true);
    expect(isIsolated(c.setFor(draco), draco, 'egress')).toBe(false);
  });

  it('its ingress deny names pods only: an address outside the cluster is not matched', () => {
    const c = new Cluster([banpDenyAll]);
    const fromOutside = evaluateDirection(c.setFor(harry), 'ingress', harry, {
      kind: 'ip',
      ip: '203.0.113.5',
    });
    expect(portSetContains(fromOutside.allowed, 'TCP', 80)).toBe(true);
    expect(c.reaches(draco, harry, 80)).toBe(false);
  });

  it('an egress deny to every namespace but not every address does not isolate', () => {
    const c = new Cluster([
      admin('BaselineAdminNetworkPolicy', 'default', {
        subject: house('gryffindor'),
        egress: [{ action: 'Deny', to: [{ namespaces: {} }] }],
      }),
    ]);
    expect(isIsolated(c.setFor(harry), harry, 'egress')).toBe(false);
  });

  it('an Allow before the deny-all lets its peers in and denies the rest', () => {
    const c = new Cluster([
      admin('BaselineAdminNetworkPolicy', 'default', {
        subject: house('gryffindor'),
        ingress: [
          { action: 'Allow', from: [house('hufflepuff')] },
          { action: 'Deny', from: [{ namespaces: {} }] },
        ],
      }),
    ]);
    expect(c.reaches(cedric, harry, 80)).toBe(true);
    expect(c.reaches(draco, harry, 80)).toBe(false);
  });
});

describe('ports (conformance: tcp, udp, sctp rules)', () => {
  const c = new Cluster([
    admin('AdminNetworkPolicy', 'ports', {
      priority: 5,
      subject: house('gryffindor'),
      ingress: [
        {
          action: 'Deny',
          from: [house('slytherin')],
          ports: [{ portNumber: { protocol: 'UDP', port: 5353 } }],
        },
        {
          action: 'Deny',
          from: [house('slytherin')],
          ports: [{ portRange: { protocol: 'TCP', start: 8000, end: 9000 } }],
        },
        {
          action: 'Deny',
          from: [house('slytherin')],
          ports: [{ namedPort: 'web' }],
        },
        {
          action: 'Deny',
          from: [house('hufflepuff')],
          ports: [{ portNumber: { port: 9003, protocol: 'SCTP' } }],
        },
      ],
    }),
    admin('ClusterNetworkPolicy', 'cnp-ports', {
      tier: 'Admin',
      priority: 6,
      subject: house('gryffindor'),
      ingress: [
        {
          action: 'Deny',
          from: [house('ravenclaw')],
          protocols: [{ destinationNamedPort: 'dns' }],
        },
        {
          action: 'Deny',
          from: [house('ravenclaw')],
          protocols: [
            { tcp: { destinationPort: { range: { start: 8080, end: 8081 } } } },
          ],
        },
      ],
    }),
  ]);

  it.each<[string, ModelPod, number, string, boolean]>([
    ['portNumber UDP 5353', draco, 5353, 'UDP', false],
    ['portNumber is per protocol (TCP 5353 open)', draco, 5353, 'TCP', true],
    ['portRange 8000-9000 covers 8080', draco, 8080, 'TCP', false],
    ['namedPort web is TCP 80 on the server', draco, 80, 'TCP', false],
    ['a port no rule names', draco, 53, 'UDP', true],
    ['SCTP', cedric, 9003, 'SCTP', false],
    [
      'destinationNamedPort dns is UDP 53 on the server',
      luna,
      53,
      'UDP',
      false,
    ],
    ['v1alpha2 range', luna, 8080, 'TCP', false],
    ['v1alpha2 range is inclusive of its end only', luna, 8082, 'TCP', true],
  ])('%s', (_n, client, port, protocol, allowed) => {
    expect(c.reaches(client, harry, port, protocol)).toBe(allowed);
  });
});

describe('what is not counted', () => {
  it('an invalid object is never compiled', () => {
    const models = clusterScopedPolicies({
      ...snapshot({ namespaces }),
      adminPolicies: [
        admin('AdminNetworkPolicy', 'bad', {
          priority: 5000,
          subject: { namespaces: {} },
        }),
      ],
    });
    expect(models).toEqual([]);
  });

  it("a kind the cluster's enforcer does not implement is not counted", () => {
    const cilium = {
      kind: 'DaemonSet',
      namespace: 'kube-system',
      name: 'cilium',
      labels: {},
      ownerReferences: [],
      templateLabels: {},
      templatePorts: [],
      containers: [{ name: 'cilium-agent' }],
    };
    const models = clusterScopedPolicies({
      ...snapshot({ namespaces, controllers: [cilium] }),
      adminPolicies: [baselineDenySlytherin],
    });
    expect(models).toEqual([]);
  });
});
