/**
 * Refusal tests written from the API types and CRD markers of
 * kubernetes-sigs/network-policy-api (apis/v1alpha1, apis/v1alpha2): each
 * object below would be rejected by the API server with the CRDs
 * installed, or by the strict field validation of `kubectl apply`.
 */
import { validateAdminPolicy } from './validateAdminPolicy';

const V1 = 'policy.networking.k8s.io/v1alpha1';
const V2 = 'policy.networking.k8s.io/v1alpha2';

// The README's example: deny ingress to sensitive namespaces from others.
const anp = () => ({
  apiVersion: V1,
  kind: 'AdminNetworkPolicy',
  metadata: { name: 'cluster-control' },
  spec: {
    priority: 34,
    subject: { namespaces: { matchLabels: { tenant: 'restricted' } } },
    ingress: [
      {
        name: 'allow-monitoring',
        action: 'Allow',
        from: [
          {
            namespaces: {
              matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' },
            },
          },
        ],
        ports: [{ portNumber: { protocol: 'TCP', port: 9090 } }],
      },
      {
        name: 'pass-tenant',
        action: 'Pass',
        from: [
          {
            pods: {
              namespaceSelector: { matchLabels: { tenant: 'restricted' } },
              podSelector: {},
            },
          },
        ],
        ports: [
          { portRange: { protocol: 'UDP', start: 5000, end: 6000 } },
          { namedPort: 'web' },
        ],
      },
    ],
    egress: [
      {
        action: 'Deny',
        to: [{ networks: ['0.0.0.0/0', '::/0'] }, { nodes: {} }],
      },
      { action: 'Allow', to: [{ domainNames: ['*.example.com'] }] },
    ],
  },
});

const banp = () => ({
  apiVersion: V1,
  kind: 'BaselineAdminNetworkPolicy',
  metadata: { name: 'default' },
  spec: {
    subject: { namespaces: {} },
    ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }],
  },
});

// From conformance/base/api_integration/standard-anp-np-banp.yaml.
const cnp = () => ({
  apiVersion: V2,
  kind: 'ClusterNetworkPolicy',
  metadata: { name: 'pass-example' },
  spec: {
    tier: 'Admin',
    priority: 10,
    subject: {
      namespaces: { matchLabels: { 'conformance-house': 'gryffindor' } },
    },
    ingress: [
      {
        name: 'deny-all-ingress-from-slytherin',
        action: 'Deny',
        from: [
          { namespaces: { matchLabels: { 'conformance-house': 'slytherin' } } },
        ],
        protocols: [
          { tcp: { destinationPort: { number: 80 } } },
          { udp: { destinationPort: { range: { start: 5000, end: 5353 } } } },
          { destinationNamedPort: 'dns' },
        ],
      },
    ],
    egress: [
      {
        action: 'Accept',
        to: [{ pods: { podSelector: { matchLabels: { app: 'dns' } } } }],
      },
    ],
  },
});

type Obj = Record<string, any>;

/** A valid object with one change, made by `edit`. */
function edited<T extends Obj>(make: () => T, edit: (o: T) => void): T {
  const o = make();
  edit(o);
  return o;
}

describe('validateAdminPolicy accepts valid objects', () => {
  it.each([
    ['AdminNetworkPolicy', anp],
    ['BaselineAdminNetworkPolicy named default', banp],
    ['ClusterNetworkPolicy', cnp],
  ])('%s', (_n, make) => {
    expect(validateAdminPolicy(make())).toEqual([]);
  });

  it('accepts priority 0 and 1000, and a Baseline-tier ClusterNetworkPolicy of any name', () => {
    expect(
      validateAdminPolicy(edited(anp, o => (o.spec.priority = 0))),
    ).toEqual([]);
    expect(
      validateAdminPolicy(edited(anp, o => (o.spec.priority = 1000))),
    ).toEqual([]);
    expect(
      validateAdminPolicy(
        edited(cnp, o => {
          o.spec.tier = 'Baseline';
          o.metadata.name = 'baseline';
        }),
      ),
    ).toEqual([]);
  });
});

const refusals: Array<[string, Obj, RegExp]> = [
  [
    'priority above 1000',
    edited(anp, o => (o.spec.priority = 1001)),
    /^spec.priority: invalid value 1001: must be between 0 and 1000/,
  ],
  [
    'negative priority',
    edited(cnp, o => (o.spec.priority = -1)),
    /^spec.priority: invalid value -1/,
  ],
  [
    'priority not an integer',
    edited(anp, o => (o.spec.priority = 1.5)),
    /^spec.priority: must be an integer/,
  ],
  [
    'no priority',
    edited(anp, o => delete (o.spec as Obj).priority),
    /^spec.priority: required value/,
  ],
  [
    'BANP with a priority field',
    edited(banp, o => ((o.spec as Obj).priority = 5)),
    /^spec.priority: unknown field/,
  ],
  [
    'BANP not named default',
    edited(banp, o => (o.metadata.name = 'baseline')),
    /^metadata.name: invalid value "baseline": Only one baseline admin network policy/,
  ],
  [
    'no subject',
    edited(anp, o => delete (o.spec as Obj).subject),
    /^spec.subject: required value/,
  ],
  [
    'empty subject',
    edited(anp, o => ((o.spec as Obj).subject = {})),
    /^spec.subject: must set exactly one of namespaces, pods/,
  ],
  [
    'subject with both fields',
    edited(
      anp,
      o =>
        ((o.spec.subject as Obj).pods = {
          namespaceSelector: {},
          podSelector: {},
        }),
    ),
    /^spec.subject: must set only one of namespaces, pods, not namespaces and pods/,
  ],
  [
    'v1alpha1 pods subject without namespaceSelector',
    edited(anp, o => ((o.spec as Obj).subject = { pods: { podSelector: {} } })),
    /^spec.subject.pods.namespaceSelector: required value/,
  ],
  [
    'pods peer without podSelector',
    edited(
      cnp,
      o => (o.spec.egress[0].to = [{ pods: { namespaceSelector: {} } }] as any),
    ),
    /^spec.egress\[0\].to\[0\].pods.podSelector: required value/,
  ],
  [
    'unknown spec field (typo)',
    edited(anp, o => ((o.spec as Obj).ingres = [])),
    /^spec.ingres: unknown field/,
  ],
  [
    'unknown field in a subject selector',
    edited(anp, o => ((o.spec.subject.namespaces as Obj).matchlabels = {})),
    /^spec.subject.namespaces.matchlabels: unknown field/,
  ],
  [
    'ANP action Accept (a v1alpha2 action)',
    edited(anp, o => (o.spec.ingress[0].action = 'Accept')),
    /^spec.ingress\[0\].action: unsupported value "Accept": supported values: "Allow", "Deny", "Pass"/,
  ],
  [
    'BANP action Pass',
    edited(banp, o => (o.spec.ingress[0].action = 'Pass')),
    /^spec.ingress\[0\].action: unsupported value "Pass": supported values: "Allow", "Deny"/,
  ],
  [
    'CNP action Allow (a v1alpha1 action)',
    edited(cnp, o => (o.spec.egress[0].action = 'Allow')),
    /^spec.egress\[0\].action: unsupported value "Allow"/,
  ],
  [
    'CNP without a tier',
    edited(cnp, o => delete (o.spec as Obj).tier),
    /^spec.tier: required value/,
  ],
  [
    'CNP tier Namespace',
    edited(cnp, o => (o.spec.tier = 'Namespace')),
    /^spec.tier: unsupported value "Namespace"/,
  ],
  [
    'rule without action',
    edited(anp, o => delete (o.spec.ingress[0] as Obj).action),
    /^spec.ingress\[0\].action: required value/,
  ],
  [
    'rule without from',
    edited(anp, o => delete (o.spec.ingress[0] as Obj).from),
    /^spec.ingress\[0\].from: required value/,
  ],
  [
    'rule with empty from',
    edited(anp, o => (o.spec.ingress[0].from = [])),
    /^spec.ingress\[0\].from: must have at least 1 item/,
  ],
  [
    'empty peer',
    edited(anp, o => (o.spec.ingress[0].from = [{}] as any)),
    /^spec.ingress\[0\].from\[0\]: must set exactly one of namespaces, pods/,
  ],
  [
    'peer with two fields',
    edited(
      anp,
      o =>
        (o.spec.egress[0].to = [
          { namespaces: {}, networks: ['10.0.0.0/8'] },
        ] as any),
    ),
    /^spec.egress\[0\].to\[0\]: must set only one of .*, not namespaces and networks/,
  ],
  [
    'networks on an ingress peer',
    edited(
      anp,
      o => (o.spec.ingress[0].from = [{ networks: ['10.0.0.0/8'] }] as any),
    ),
    /^spec.ingress\[0\].from\[0\].networks: unknown field/,
  ],
  [
    'an invalid CIDR',
    edited(
      anp,
      o => (o.spec.egress[0].to = [{ networks: ['10.0.0.0/33'] }] as any),
    ),
    /^spec.egress\[0\].to\[0\].networks\[0\]: invalid value "10.0.0.0\/33": Invalid CIDR format provided/,
  ],
  [
    'a CIDR with leading zeros (isCIDR is strict)',
    edited(
      anp,
      o => (o.spec.egress[0].to = [{ networks: ['010.0.0.0/8'] }] as any),
    ),
    /networks\[0\]: invalid value "010.0.0.0\/8"/,
  ],
  [
    'an address without a prefix',
    edited(
      cnp,
      o => (o.spec.egress[0].to = [{ networks: ['10.1.2.3'] }] as any),
    ),
    /networks\[0\]: invalid value "10.1.2.3"/,
  ],
  [
    'the same CIDR twice (a set)',
    edited(
      anp,
      o =>
        (o.spec.egress[0].to = [
          { networks: ['10.0.0.0/8', '10.0.0.0/8'] },
        ] as any),
    ),
    /networks\[1\]: duplicate value/,
  ],
  [
    '26 CIDRs',
    edited(
      anp,
      o =>
        (o.spec.egress[0].to = [
          { networks: Array.from({ length: 26 }, (_, i) => `10.${i}.0.0/16`) },
        ] as any),
    ),
    /networks: too many: 26: must have at most 25 items/,
  ],
  [
    'domainNames in a Deny rule',
    edited(anp, o => (o.spec.egress[1].action = 'Deny')),
    /^spec.egress\[1\].to\[0\].domainNames: forbidden: domainNames may only be used in Allow rules/,
  ],
  [
    'an invalid domain name',
    edited(
      anp,
      o => (o.spec.egress[1].to = [{ domainNames: ['*example.com'] }] as any),
    ),
    /domainNames\[0\]: invalid value "\*example.com"/,
  ],
  [
    'domainNames in a BANP',
    edited(
      banp,
      o =>
        ((o.spec as Obj).egress = [
          { action: 'Allow', to: [{ domainNames: ['example.com'] }] },
        ]),
    ),
    /^spec.egress\[0\].to\[0\].domainNames: unknown field/,
  ],
  [
    'port 0',
    edited(
      anp,
      o =>
        (o.spec.ingress[0].ports = [
          { portNumber: { protocol: 'TCP', port: 0 } },
        ]),
    ),
    /^spec.ingress\[0\].ports\[0\].portNumber.port: invalid value 0: must be between 1 and 65535/,
  ],
  [
    'protocol ICMP',
    edited(
      anp,
      o =>
        (o.spec.ingress[0].ports = [
          { portNumber: { protocol: 'ICMP', port: 8 } },
        ]),
    ),
    /portNumber.protocol: unsupported value "ICMP"/,
  ],
  [
    'a range whose start is after its end',
    edited(
      anp,
      o =>
        (o.spec.ingress[1].ports = [
          { portRange: { protocol: 'UDP', start: 6000, end: 5000 } } as any,
        ]),
    ),
    /ports\[0\].portRange: Start port must be less than End port/,
  ],
  [
    'a v1alpha2 range of one port',
    edited(
      cnp,
      o =>
        ((o.spec.ingress[0] as Obj).protocols = [
          { tcp: { destinationPort: { range: { start: 80, end: 80 } } } },
        ]),
    ),
    /destinationPort.range: Start port must be less than End port/,
  ],
  [
    'a port entry with two fields',
    edited(
      anp,
      o =>
        (o.spec.ingress[0].ports = [
          {
            portNumber: { protocol: 'TCP', port: 80 },
            namedPort: 'web',
          } as any,
        ]),
    ),
    /ports\[0\]: must set only one of portNumber, namedPort, portRange/,
  ],
  [
    'an empty ports list',
    edited(anp, o => (o.spec.ingress[0].ports = [])),
    /^spec.ingress\[0\].ports: must have at least 1 item/,
  ],
  [
    'v1alpha1 ports on a ClusterNetworkPolicy',
    edited(
      cnp,
      o => ((o.spec.ingress[0] as Obj).ports = [{ portNumber: { port: 80 } }]),
    ),
    /^spec.ingress\[0\].ports: unknown field/,
  ],
  [
    'a protocol entry with tcp and udp',
    edited(
      cnp,
      o =>
        (o.spec.ingress[0].protocols = [
          {
            tcp: { destinationPort: { number: 80 } },
            udp: { destinationPort: { number: 53 } },
          } as any,
        ]),
    ),
    /protocols\[0\]: must set only one of tcp, udp, sctp, destinationNamedPort/,
  ],
  [
    'tcp without a destination port',
    edited(cnp, o => (o.spec.ingress[0].protocols = [{ tcp: {} } as any])),
    /protocols\[0\].tcp.destinationPort: required value/,
  ],
  [
    'a destination port with number and range',
    edited(
      cnp,
      o =>
        (o.spec.ingress[0].protocols = [
          {
            tcp: {
              destinationPort: { number: 80, range: { start: 1, end: 2 } },
            },
          } as any,
        ]),
    ),
    /destinationPort: must set only one of number, range/,
  ],
  [
    'a named port beside a networks peer (CEL rule)',
    edited(
      anp,
      o => ((o.spec.egress[0] as Obj).ports = [{ namedPort: 'web' }]),
    ),
    /^spec.egress\[0\]: invalid: networks\/nodes\/domainNames peer cannot be set with named ports/,
  ],
  [
    'an invalid selector operator',
    edited(
      anp,
      o =>
        ((o.spec as Obj).subject = {
          namespaces: {
            matchExpressions: [{ key: 'a', operator: 'Equals', values: ['b'] }],
          },
        }),
    ),
    /^spec.subject.namespaces.matchExpressions\[0\].operator: invalid value "Equals"/,
  ],
  [
    'a rule name of 101 characters',
    edited(anp, o => (o.spec.ingress[0].name = 'x'.repeat(101))),
    /^spec.ingress\[0\].name: may not be longer than 100 characters/,
  ],
  [
    '26 ClusterNetworkPolicy rules',
    edited(
      cnp,
      o => (o.spec.egress = Array.from({ length: 26 }, () => o.spec.egress[0])),
    ),
    /^spec.egress: too many: 26: must have at most 25 items/,
  ],
  [
    'no spec',
    edited(anp, o => delete (o as Obj).spec),
    /^spec: required value/,
  ],
  [
    'an ANP served as v1alpha2',
    edited(anp, o => (o.apiVersion = V2)),
    /^apiVersion: "policy.networking.k8s.io\/v1alpha2" is not served for AdminNetworkPolicy/,
  ],
  [
    'no name',
    edited(anp, o => delete (o.metadata as Obj).name),
    /^metadata.name: required value/,
  ],
];

describe('validateAdminPolicy refuses what the API server would', () => {
  it.each(refusals)('%s', (_n, object, problem) => {
    expect(validateAdminPolicy(object)).toEqual(
      expect.arrayContaining([expect.stringMatching(problem)]),
    );
  });

  it('reports every problem of an object, each with its path', () => {
    const problems = validateAdminPolicy(
      edited(anp, o => {
        o.spec.priority = 2000;
        o.spec.ingress[0].action = 'Drop';
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^spec.priority:/),
        expect.stringMatching(/^spec.ingress\[0\].action:/),
      ]),
    );
  });
});
