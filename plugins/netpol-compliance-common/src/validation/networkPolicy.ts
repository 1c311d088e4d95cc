/**
 * A `networking.k8s.io/v1` NetworkPolicy as the API server validates it on
 * create (pkg/apis/networking/validation in the Kubernetes source), after
 * strict decoding: each peer names exactly one kind of peer (an ipBlock
 * alone, or pod and/or namespace selectors) and never nothing; CIDRs read
 * as `ParseCIDRSloppy` reads them, each `except` strictly inside its
 * `cidr`; ports 1-65535 or a port name; `endPort` only after a numeric
 * `port`, and not below it; protocols TCP, UDP, SCTP; policyTypes Ingress
 * and Egress.
 */
import { parseCidr } from '../semantics/ipBlock';
import { checkLabelSelector, LABEL_SELECTOR } from './labelSelector';
import { checkMetadata, OBJECT_META } from './metadata';
import { portNameProblems, portNumberProblems } from './names';
import {
  ANY,
  at,
  checkShape,
  child,
  INT,
  INT_OR_STRING,
  listOf,
  objectOf,
  quote,
  Shape,
  STRING,
  STRING_LIST,
} from './shape';

const PEER: Shape = objectOf({
  podSelector: LABEL_SELECTOR,
  namespaceSelector: LABEL_SELECTOR,
  ipBlock: objectOf({ cidr: STRING, except: STRING_LIST }),
});

const PORT: Shape = objectOf({
  protocol: STRING,
  port: INT_OR_STRING,
  endPort: INT,
});

export const NETWORK_POLICY: Shape = objectOf({
  apiVersion: STRING,
  kind: STRING,
  metadata: OBJECT_META,
  spec: objectOf({
    podSelector: LABEL_SELECTOR,
    policyTypes: STRING_LIST,
    ingress: listOf(objectOf({ ports: listOf(PORT), from: listOf(PEER) })),
    egress: listOf(objectOf({ ports: listOf(PORT), to: listOf(PEER) })),
  }),
  // Kubernetes 1.24-1.26 served an (alpha, always empty) status, and their
  // `kubectl get -o yaml` prints `status: {}`.
  status: ANY,
});

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const POLICY_TYPES = ['Ingress', 'Egress'];

function isMapping(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A list element `null` decodes as the element's zero value. */
function items(value: unknown): Array<Record<string, any>> {
  if (!Array.isArray(value)) return [];
  return value.map(v => (isMapping(v) ? v : {}));
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null;
}

export function checkNetworkPolicyPort(
  port: Record<string, any>,
  path: string,
  out: string[],
): void {
  const { protocol, endPort } = port;
  const p = port.port;
  if (typeof protocol === 'string' && !PROTOCOLS.includes(protocol))
    out.push(
      `${child(path, 'protocol')}: unsupported value ${quote(
        protocol,
      )}: supported values: "TCP", "UDP", "SCTP"`,
    );
  const hasEnd = typeof endPort === 'number';
  if (typeof p === 'number') {
    for (const m of portNumberProblems(p))
      out.push(`${child(path, 'port')}: invalid value ${p}: ${m}`);
    if (hasEnd) {
      if (endPort < p)
        out.push(
          `${child(
            path,
            'endPort',
          )}: invalid value ${endPort}: must be greater than or equal to \`port\``,
        );
      for (const m of portNumberProblems(endPort))
        out.push(`${child(path, 'endPort')}: invalid value ${endPort}: ${m}`);
    }
  } else if (typeof p === 'string') {
    if (hasEnd)
      out.push(
        `${child(
          path,
          'endPort',
        )}: invalid value ${endPort}: may not be specified when \`port\` is non-numeric`,
      );
    for (const m of portNameProblems(p))
      out.push(`${child(path, 'port')}: invalid value ${quote(p)}: ${m}`);
  } else if (hasEnd) {
    out.push(
      `${child(
        path,
        'endPort',
      )}: invalid value ${endPort}: may not be specified when \`port\` is not specified`,
    );
  }
}

function checkIpBlock(
  block: Record<string, any>,
  path: string,
  out: string[],
): void {
  const cidrText = block.cidr;
  if (typeof cidrText !== 'string' || cidrText === '') {
    out.push(`${child(path, 'cidr')}: required value`);
    return;
  }
  const invalid = (where: string, text: string) =>
    out.push(
      `${where}: invalid value ${quote(
        text,
      )}: must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)`,
    );
  const cidr = parseCidr(cidrText);
  if (!cidr) {
    invalid(child(path, 'cidr'), cidrText);
    return;
  }
  const except = Array.isArray(block.except) ? block.except : [];
  except.forEach((text: unknown, i: number) => {
    if (typeof text !== 'string') return;
    const where = at(child(path, 'except'), i);
    const e = parseCidr(text);
    if (!e) {
      invalid(where, text);
      return;
    }
    const inside =
      e[0].kind() === cidr[0].kind() && e[0].match(cidr[0], cidr[1]);
    if (!inside || cidr[1] >= e[1])
      out.push(
        `${where}: invalid value ${quote(
          text,
        )}: must be a strict subset of \`cidr\``,
      );
  });
}

export function checkNetworkPolicyPeer(
  peer: Record<string, any>,
  path: string,
  out: string[],
): void {
  let kinds = 0;
  if (present(peer.podSelector)) {
    kinds++;
    checkLabelSelector(peer.podSelector, child(path, 'podSelector'), out);
  }
  if (present(peer.namespaceSelector)) {
    kinds++;
    checkLabelSelector(
      peer.namespaceSelector,
      child(path, 'namespaceSelector'),
      out,
    );
  }
  if (present(peer.ipBlock)) {
    kinds++;
    if (isMapping(peer.ipBlock))
      checkIpBlock(peer.ipBlock, child(path, 'ipBlock'), out);
  }
  if (kinds === 0) out.push(`${path}: required value: must specify a peer`);
  else if (kinds > 1 && present(peer.ipBlock))
    out.push(
      `${path}: forbidden: may not specify both ipBlock and another peer`,
    );
}

function checkSpec(spec: Record<string, any>, out: string[]): void {
  checkLabelSelector(spec.podSelector, 'spec.podSelector', out);
  for (const [direction, peers] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    items(spec[direction]).forEach((rule, i) => {
      const rulePath = at(`spec.${direction}`, i);
      items(rule.ports).forEach((port, j) =>
        checkNetworkPolicyPort(port, at(child(rulePath, 'ports'), j), out),
      );
      items(rule[peers]).forEach((peer, j) =>
        checkNetworkPolicyPeer(peer, at(child(rulePath, peers), j), out),
      );
    });
  }
  const types = Array.isArray(spec.policyTypes) ? spec.policyTypes : [];
  if (types.length > 2) {
    out.push('spec.policyTypes: may not specify more than two policyTypes');
    return;
  }
  types.forEach((t: unknown, i: number) => {
    if (typeof t === 'string' && !POLICY_TYPES.includes(t))
      out.push(
        `${at('spec.policyTypes', i)}: unsupported value ${quote(
          t,
        )}: supported values: "Ingress", "Egress"`,
      );
  });
}

/** Every problem of a raw NetworkPolicy object, each with its field path. */
export function validateNetworkPolicy(raw: Record<string, any>): string[] {
  const out: string[] = [];
  checkShape(raw, NETWORK_POLICY, '', out);
  checkMetadata(raw.metadata, true, out);
  if (isMapping(raw.spec)) checkSpec(raw.spec, out);
  return out;
}
