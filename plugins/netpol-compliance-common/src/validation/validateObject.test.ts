import { policyKindOf, validateObject } from './validateObject';
import { toSnapshotRecords } from '../snapshot/buildClusterSnapshot';

const NP = 'networking.k8s.io/v1';

function netpol(spec: unknown, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: NP,
    kind: 'NetworkPolicy',
    metadata: { name: 'web-ingress', namespace: 'shop' },
    spec,
    ...extra,
  };
}

function problemsOf(spec: unknown, extra?: Record<string, unknown>) {
  const obj = netpol(spec, extra);
  return validateObject('NetworkPolicy', obj.apiVersion as string, obj);
}

const ingressFrom = (peer: unknown) => ({
  podSelector: {},
  ingress: [{ from: [peer] }],
});
const ingressPort = (port: unknown) => ({
  podSelector: {},
  ingress: [{ ports: [port] }],
});

describe('validateObject: networking.k8s.io/v1 NetworkPolicy as the API server reads it', () => {
  it('accepts a valid policy', () => {
    expect(
      problemsOf({
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          {
            from: [
              {
                namespaceSelector: {
                  matchExpressions: [
                    { key: 'kubernetes.io/metadata.name', operator: 'Exists' },
                  ],
                },
                podSelector: { matchLabels: { role: 'front' } },
              },
              { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
            ],
            ports: [
              { port: 80, endPort: 90 },
              { port: 'http', protocol: 'SCTP' },
            ],
          },
        ],
        egress: [{}],
      }),
    ).toEqual([]);
  });

  it.each<[string, unknown, RegExp]>([
    [
      'an empty peer',
      ingressFrom({}),
      /^spec\.ingress\[0\]\.from\[0\]: .*must specify a peer/,
    ],
    [
      'a null peer',
      ingressFrom(null),
      /^spec\.ingress\[0\]\.from\[0\]: .*must specify a peer/,
    ],
    [
      'an ipBlock beside a selector',
      ingressFrom({ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }),
      /may not specify both ipBlock and another peer/,
    ],
    [
      'cidr /33',
      ingressFrom({ ipBlock: { cidr: '10.0.0.0/33' } }),
      /^spec\.ingress\[0\]\.from\[0\]\.ipBlock\.cidr: invalid value "10\.0\.0\.0\/33"/,
    ],
    [
      'a short form 10/8',
      ingressFrom({ ipBlock: { cidr: '10/8' } }),
      /ipBlock\.cidr: invalid value "10\/8"/,
    ],
    [
      'a hex octet',
      ingressFrom({ ipBlock: { cidr: '0x0a.0.0.0/8' } }),
      /ipBlock\.cidr: invalid value/,
    ],
    [
      'an except outside its cidr',
      ingressFrom({
        ipBlock: { cidr: '10.0.0.0/8', except: ['192.168.0.0/16'] },
      }),
      /ipBlock\.except\[0\]: .*strict subset/,
    ],
    [
      'an except equal to its cidr',
      ingressFrom({ ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.0.0/8'] } }),
      /strict subset/,
    ],
    [
      'operator Equals',
      {
        podSelector: {
          matchExpressions: [
            { key: 'app', operator: 'Equals', values: ['web'] },
          ],
        },
      },
      /^spec\.podSelector\.matchExpressions\[0\]\.operator: invalid value "Equals": not a valid selector operator/,
    ],
    [
      'In without values',
      { podSelector: { matchExpressions: [{ key: 'app', operator: 'In' }] } },
      /matchExpressions\[0\]\.values: required value/,
    ],
    [
      'Exists with values',
      {
        podSelector: {
          matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }],
        },
      },
      /matchExpressions\[0\]\.values: forbidden/,
    ],
    [
      'a bad label key',
      { podSelector: { matchLabels: { 'bad key': 'x' } } },
      /spec\.podSelector\.matchLabels: invalid label key "bad key"/,
    ],
    [
      'a label name over 63 characters',
      { podSelector: { matchLabels: { ['a'.repeat(64)]: 'x' } } },
      /name part must be no more than 63 characters/,
    ],
    [
      'a bad label value',
      { podSelector: { matchLabels: { app: 'no spaces' } } },
      /matchLabels\[app\]: invalid label value/,
    ],
    [
      'port 0',
      ingressPort({ port: 0 }),
      /^spec\.ingress\[0\]\.ports\[0\]\.port: invalid value 0: must be between 1 and 65535/,
    ],
    ['port 65536', ingressPort({ port: 65536 }), /must be between 1 and 65535/],
    [
      'a port name with upper case',
      ingressPort({ port: 'HTTP' }),
      /ports\[0\]\.port: invalid value "HTTP"/,
    ],
    [
      'a numeric string port',
      ingressPort({ port: '80' }),
      /must contain at least one letter/,
    ],
    [
      'protocol ICMP',
      ingressPort({ protocol: 'ICMP' }),
      /^spec\.ingress\[0\]\.ports\[0\]\.protocol: unsupported value "ICMP"/,
    ],
    [
      'endPort with a named port',
      ingressPort({ port: 'http', endPort: 90 }),
      /endPort: .*non-numeric/,
    ],
    [
      'endPort without port',
      ingressPort({ endPort: 90 }),
      /endPort: .*not specified/,
    ],
    [
      'endPort below port',
      ingressPort({ port: 90, endPort: 80 }),
      /endPort: .*greater than or equal/,
    ],
    [
      'policyTypes Inbound',
      { podSelector: {}, policyTypes: ['Inbound'] },
      /^spec\.policyTypes\[0\]: unsupported value "Inbound"/,
    ],
    [
      'three policyTypes',
      { podSelector: {}, policyTypes: ['Ingress', 'Egress', 'Ingress'] },
      /more than two/,
    ],
    [
      'spec.podselector (a typo)',
      { podselector: { matchLabels: { app: 'web' } } },
      /^spec\.podselector: unknown field/,
    ],
    [
      'ingres: (a typo)',
      { podSelector: {}, ingres: [{}] },
      /^spec\.ingres: unknown field/,
    ],
    [
      'a typo inside a peer',
      ingressFrom({ podSelectr: {} }),
      /from\[0\]\.podSelectr: unknown field/,
    ],
    [
      'a port given as a list',
      ingressPort({ port: [80] }),
      /ports\[0\]\.port: must be an integer or a string/,
    ],
  ])('refuses %s', (_name, spec, expected) => {
    const problems = problemsOf(spec);
    expect(problems.some(p => expected.test(p))).toBe(true);
  });

  it('reads IPv6 blocks: an except inside is fine, one of the other family or prefix /129 is not', () => {
    expect(
      problemsOf(
        ingressFrom({
          ipBlock: { cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] },
        }),
      ),
    ).toEqual([]);
    expect(
      problemsOf(
        ingressFrom({
          ipBlock: { cidr: '2001:db8::/32', except: ['10.0.0.0/8'] },
        }),
      ).join(),
    ).toMatch(/except\[0\]: .*strict subset/);
    expect(
      problemsOf(ingressFrom({ ipBlock: { cidr: '2001:db8::/129' } })).join(),
    ).toMatch(/ipBlock\.cidr: invalid value/);
  });

  it('reads 010.0.0.0/8 as 10.0.0.0/8, as ParseCIDRSloppy does', () => {
    expect(
      problemsOf(
        ingressFrom({
          ipBlock: { cidr: '010.0.0.0/8', except: ['010.1.0.0/16'] },
        }),
      ),
    ).toEqual([]);
  });

  it('accepts the empty status that Kubernetes 1.24-1.26 print', () => {
    expect(problemsOf({ podSelector: {} }, { status: {} })).toEqual([]);
  });

  it('refuses unknown fields in metadata and at the top', () => {
    expect(
      problemsOf(
        {},
        { metadata: { name: 'x', namespace: 'shop', lables: {} } },
      ),
    ).toContain('metadata.lables: unknown field');
    expect(problemsOf({}, { specs: {} })).toContain('specs: unknown field');
  });

  it('refuses a missing or invalid name', () => {
    expect(problemsOf({}, { metadata: { namespace: 'shop' } })).toContain(
      'metadata.name: required value',
    );
    expect(
      problemsOf({}, { metadata: { name: 'Web_Ingress' } }).join(),
    ).toMatch(/metadata\.name: invalid value/);
  });

  it.each(['v1', 'extensions/v1beta1', 'networking.k8s.io/v1beta1', undefined])(
    'refuses apiVersion %s on a NetworkPolicy',
    apiVersion => {
      const obj = { ...netpol({}), apiVersion };
      expect(validateObject('NetworkPolicy', apiVersion, obj)[0]).toMatch(
        /^apiVersion: /,
      );
    },
  );

  it('leaves other kinds alone', () => {
    expect(
      validateObject('Deployment', 'apps/v1', { spec: { whatever: 1 } }),
    ).toEqual([]);
    expect(
      validateObject('NetworkPolicy', 'crd.antrea.io/v1beta1', { spec: 1 }),
    ).toEqual([]);
  });
});

describe('validateObject: Cilium', () => {
  const cnp = (spec: unknown, kind = 'CiliumNetworkPolicy') => ({
    apiVersion: 'cilium.io/v2',
    kind,
    metadata: {
      name: 'p',
      ...(kind === 'CiliumNetworkPolicy' ? { namespace: 'shop' } : {}),
    },
    spec,
  });
  const check = (o: ReturnType<typeof cnp>) =>
    validateObject(o.kind, o.apiVersion, o);

  it('accepts a valid policy', () => {
    expect(
      check(
        cnp({
          endpointSelector: { matchLabels: { 'k8s:app': 'web' } },
          ingress: [
            {
              fromEntities: ['world'],
              toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }],
            },
          ],
          egress: [
            { toCIDRSet: [{ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }] },
          ],
          enableDefaultDeny: { ingress: true },
        }),
      ),
    ).toEqual([]);
  });

  it.each<[string, unknown, RegExp]>([
    [
      'an unknown spec field',
      { endpointSelector: {}, ingres: [{}] },
      /^spec\.ingres: unknown field/,
    ],
    [
      'no endpointSelector',
      { ingress: [{}] },
      /^spec: must have exactly one of endpointSelector, nodeSelector/,
    ],
    [
      'an unknown entity',
      { endpointSelector: {}, ingress: [{ fromEntities: ['everyone'] }] },
      /fromEntities\[0\]: unsupported value "everyone"/,
    ],
    [
      'a bad CIDR',
      { endpointSelector: {}, egress: [{ toCIDR: ['10.0.0.0/33'] }] },
      /toCIDR\[0\]: invalid value/,
    ],
    [
      'a bad operator',
      {
        endpointSelector: {
          matchExpressions: [{ key: 'a', operator: 'Equals' }],
        },
      },
      /operator: unsupported value "Equals"/,
    ],
    [
      'In without values',
      {
        endpointSelector: { matchExpressions: [{ key: 'a', operator: 'In' }] },
      },
      /values: required value/,
    ],
    [
      'enableDefaultDeny of the wrong type',
      { endpointSelector: {}, enableDefaultDeny: 'yes' },
      /enableDefaultDeny: must be a mapping/,
    ],
    [
      'a numeric port',
      {
        endpointSelector: {},
        ingress: [{ toPorts: [{ ports: [{ port: 80 }] }] }],
      },
      /port: must be a string/,
    ],
    [
      'a nodeSelector on a namespaced policy',
      { nodeSelector: {} },
      /only a CiliumClusterwideNetworkPolicy/,
    ],
    [
      'port 70000',
      {
        endpointSelector: {},
        ingress: [{ toPorts: [{ ports: [{ port: '70000' }] }] }],
      },
      /toPorts\[0\]\.ports\[0\]\.port: invalid value "70000"/,
    ],
  ])('refuses %s', (_n, spec, expected) => {
    expect(check(cnp(spec)).some(p => expected.test(p))).toBe(true);
  });

  it('refuses a policy with neither spec nor specs', () => {
    const o = {
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: { name: 'p' },
    };
    expect(validateObject(o.kind, o.apiVersion, o).join()).toMatch(
      /spec: required value/,
    );
  });
});

describe('validateObject: Calico', () => {
  const gnp = (spec: unknown, kind = 'GlobalNetworkPolicy') => ({
    apiVersion: 'projectcalico.org/v3',
    kind,
    metadata: { name: 'p' },
    spec,
  });
  const check = (o: ReturnType<typeof gnp>) =>
    validateObject(o.kind, o.apiVersion, o);

  it('accepts a valid policy', () => {
    expect(
      check(
        gnp({
          order: 10,
          selector: "app == 'web'",
          types: ['Ingress'],
          ingress: [
            {
              action: 'Allow',
              protocol: 'TCP',
              source: { nets: ['10.0.0.0/8'] },
              destination: { ports: [80, '8000:8080'] },
            },
          ],
        }),
      ),
    ).toEqual([]);
  });

  it.each<[string, unknown, RegExp]>([
    [
      'action Accept',
      { ingress: [{ action: 'Accept' }] },
      /^spec\.ingress\[0\]\.action: unsupported value "Accept"/,
    ],
    [
      'a rule without action',
      { ingress: [{ protocol: 'TCP' }] },
      /ingress\[0\]\.action: required value/,
    ],
    [
      'an unknown spec field',
      { selectr: 'all()' },
      /^spec\.selectr: unknown field/,
    ],
    [
      'types Inbound',
      { types: ['Inbound'] },
      /types\[0\]: unsupported value "Inbound"/,
    ],
    [
      'a selector that does not parse',
      { selector: "app == 'web" },
      /^spec\.selector: invalid selector/,
    ],
    ['order as a string', { order: 'first' }, /spec\.order: must be a number/],
    [
      'ports on ICMP',
      {
        ingress: [
          { action: 'Allow', protocol: 'ICMP', destination: { ports: [80] } },
        ],
      },
      /ports are only valid/,
    ],
    [
      'a bad net',
      { egress: [{ action: 'Allow', destination: { nets: ['10/8'] } }] },
      /nets\[0\]: invalid value/,
    ],
  ])('refuses %s', (_n, spec, expected) => {
    expect(check(gnp(spec)).some(p => expected.test(p))).toBe(true);
  });

  it('keeps the Calico and Kubernetes NetworkPolicy kinds apart', () => {
    expect(policyKindOf('NetworkPolicy', 'projectcalico.org/v3')?.kind).toBe(
      'CalicoNetworkPolicy',
    );
    expect(policyKindOf('NetworkPolicy', 'networking.k8s.io/v1')?.kind).toBe(
      'NetworkPolicy',
    );
    expect(
      policyKindOf('ClusterNetworkPolicy', 'crd.antrea.io/v1beta1'),
    ).toBeUndefined();
    expect(
      policyKindOf('ClusterNetworkPolicy', 'policy.networking.k8s.io/v1alpha2')
        ?.family,
    ).toBe('admin');
  });
});

describe('objects from list pages (no kind or apiVersion of their own)', () => {
  const ANP = 'policy.networking.k8s.io/v1alpha1';
  const baseline = {
    metadata: { name: 'default' },
    spec: {
      subject: { namespaces: { matchLabels: { isolation: 'baseline' } } },
      ingress: [{ name: 'deny-all', action: 'Deny', from: [{ namespaces: {} }] }],
    },
  };

  it('validates an admin policy item by the kind of its list, as the API server serves it', () => {
    expect(validateObject('BaselineAdminNetworkPolicy', ANP, baseline)).toEqual([]);
  });

  it('still refuses an invalid admin policy item', () => {
    const bad = { ...baseline, spec: { ...baseline.spec, ingress: [{ name: 'x', action: 'Maybe', from: [{ namespaces: {} }] }] } };
    expect(validateObject('BaselineAdminNetworkPolicy', ANP, bad)).not.toEqual([]);
  });

  it('reads an admin policy list page as policies the engine counts, not as invalid objects', () => {
    const page = { kind: 'BaselineAdminNetworkPolicyList', apiVersion: ANP, items: [baseline] };
    const records = toSnapshotRecords(page);
    expect(records.map(r => r.type)).toEqual(['adminPolicy']);
    // As the scanner hands pages over: the list's kind and version beside the items.
    expect(toSnapshotRecords(baseline, 'BaselineAdminNetworkPolicy', ANP).map(r => r.type)).toEqual(['adminPolicy']);
  });
});
