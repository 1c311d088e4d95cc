import {
  compilePorts,
  describePortSet,
  intersectPorts,
  isEmptyPortSet,
  portSetContains,
  resolvePorts,
} from './ports';
import type { NetworkPolicyPort } from '../snapshot/types';

const dest = [
  { name: 'http', containerPort: 8080 },
  { name: 'dns', containerPort: 5353, protocol: 'UDP' },
  { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
];

function allows(
  ports: NetworkPolicyPort[] | undefined,
  protocol: string,
  p: number,
  destination = dest,
): boolean {
  return portSetContains(
    resolvePorts(compilePorts(ports, 'rule'), destination),
    protocol,
    p,
  );
}

describe('rule ports', () => {
  it.each<[string, NetworkPolicyPort[] | undefined, string, number, boolean]>([
    ['no ports: everything', undefined, 'UDP', 9, true],
    ['empty list: everything', [], 'SCTP', 1, true],
    ['number, default TCP', [{ port: 80 }], 'TCP', 80, true],
    ['number, other port', [{ port: 80 }], 'TCP', 81, false],
    ['number, default TCP is not UDP', [{ port: 53 }], 'UDP', 53, false],
    ['UDP', [{ port: 53, protocol: 'UDP' }], 'UDP', 53, true],
    ['SCTP', [{ port: 7777, protocol: 'SCTP' }], 'SCTP', 7777, true],
    ['numeric string', [{ port: '80' }], 'TCP', 80, true],
    ['protocol only: all its ports', [{ protocol: 'UDP' }], 'UDP', 12345, true],
    [
      'protocol only: not other protocols',
      [{ protocol: 'UDP' }],
      'TCP',
      12345,
      false,
    ],
    ['endPort start', [{ port: 8000, endPort: 8080 }], 'TCP', 8000, true],
    ['endPort end', [{ port: 8000, endPort: 8080 }], 'TCP', 8080, true],
    ['endPort inside', [{ port: 8000, endPort: 8080 }], 'TCP', 8042, true],
    ['endPort above', [{ port: 8000, endPort: 8080 }], 'TCP', 8081, false],
    ['endPort below', [{ port: 8000, endPort: 8080 }], 'TCP', 7999, false],
    [
      'named port resolved on the destination',
      [{ port: 'http' }],
      'TCP',
      8080,
      true,
    ],
    ['named port is not the number 80', [{ port: 'http' }], 'TCP', 80, false],
    ['named UDP port', [{ port: 'dns', protocol: 'UDP' }], 'UDP', 5353, true],
    [
      'named port with the wrong protocol',
      [{ port: 'dns' }],
      'TCP',
      5353,
      false,
    ],
    [
      'named port the destination lacks',
      [{ port: 'grpc' }],
      'TCP',
      8080,
      false,
    ],
    [
      'several entries are ORed',
      [{ port: 80 }, { port: 'metrics' }],
      'TCP',
      9090,
      true,
    ],
  ])('%s', (_n, ports, protocol, p, expected) => {
    expect(allows(ports, protocol, p)).toBe(expected);
  });

  it('never resolves a named port on an address', () => {
    expect(
      isEmptyPortSet(
        resolvePorts(compilePorts([{ port: 'http' }], 'rule'), undefined),
      ),
    ).toBe(true);
    expect(
      portSetContains(
        resolvePorts(compilePorts([{ port: 443 }], 'rule'), undefined),
        'TCP',
        443,
      ),
    ).toBe(true);
  });

  it.each<[NetworkPolicyPort, RegExp]>([
    [{ port: 80, protocol: 'ICMP' }, /unknown protocol/],
    [{ port: 70000 }, /out of range/],
    [{ port: 0 }, /out of range/],
    [
      { port: 8080, endPort: 8000 },
      /endPort 8000 must be between 8080 and 65535/,
    ],
    [
      { port: 'http', endPort: 9000 },
      /endPort cannot be used with the named port/,
    ],
    [{ endPort: 9000 }, /endPort needs a numeric port/],
  ])('reports %j and allows nothing for it', (entry, problem) => {
    const compiled = compilePorts([entry], 'ingress rule 1');
    expect(compiled.problems.join('\n')).toMatch(problem);
    expect(compiled.problems[0]).toMatch(/^ingress rule 1 port 1/);
    expect(isEmptyPortSet(resolvePorts(compiled, dest))).toBe(true);
  });
});

describe('port sets', () => {
  const set = (ports: NetworkPolicyPort[] | undefined) =>
    resolvePorts(compilePorts(ports, 'r'), dest);
  it('intersects ranges per protocol', () => {
    const both = intersectPorts(
      set([{ port: 8000, endPort: 8100 }]),
      set([{ port: 8050, endPort: 9000 }]),
    );
    expect(describePortSet(both)).toBe('TCP/8050-8100');
    expect(
      isEmptyPortSet(
        intersectPorts(
          set([{ port: 53, protocol: 'UDP' }]),
          set([{ port: 53 }]),
        ),
      ),
    ).toBe(true);
    expect(intersectPorts(set(undefined), set([{ port: 80 }]))).toEqual(
      set([{ port: 80 }]),
    );
  });

  it('describes sets', () => {
    expect(describePortSet(set(undefined))).toBe('all ports');
    expect(
      describePortSet(set([{ port: 53, protocol: 'UDP' }, { port: 53 }])),
    ).toBe('TCP/53, UDP/53');
    expect(describePortSet(set([{ protocol: 'UDP' }]))).toBe('UDP/*');
    expect(describePortSet(set([{ port: 'nope' }]))).toBe('no port');
  });
});
