/**
 * Calico NetworkPolicy and GlobalNetworkPolicy (`projectcalico.org/v3`,
 * and their `crd.projectcalico.org/v1` storage form) as Calico's API
 * validation rejects them: unknown fields, wrong types, an action other
 * than Allow, Deny, Log or Pass (or none), `types` other than Ingress and
 * Egress, protocols Calico does not know, nets that do not parse,
 * selectors that do not parse, ports on a protocol without ports.
 */
import { parseCidr } from '../semantics/ipBlock';
import { parseCalicoSelector } from '../selectors/calicoSelector';
import { checkMetadata, OBJECT_META } from './metadata';
import {
  ANY,
  at,
  BOOL,
  checkShape,
  child,
  INT,
  INT_OR_STRING,
  listOf,
  NUMBER,
  objectOf,
  oneOfStrings,
  quote,
  Shape,
  STRING,
  STRING_LIST,
} from './shape';

const ENTITY_RULE: Shape = objectOf({
  nets: STRING_LIST,
  notNets: STRING_LIST,
  selector: STRING,
  notSelector: STRING,
  namespaceSelector: STRING,
  ports: listOf(INT_OR_STRING),
  notPorts: listOf(INT_OR_STRING),
  serviceAccounts: objectOf({ names: STRING_LIST, selector: STRING }),
  services: objectOf({ name: STRING, namespace: STRING }),
});

const ICMP: Shape = objectOf({ type: INT, code: INT });

const RULE: Shape = objectOf({
  action: oneOfStrings(['Allow', 'Deny', 'Log', 'Pass']),
  ipVersion: INT,
  protocol: INT_OR_STRING,
  notProtocol: INT_OR_STRING,
  icmp: ICMP,
  notICMP: ICMP,
  source: ENTITY_RULE,
  destination: ENTITY_RULE,
  http: ANY,
  metadata: objectOf({ annotations: { t: 'map', of: STRING } }),
});

function specShape(global: boolean): Shape {
  const fields: Record<string, Shape> = {
    tier: STRING,
    order: NUMBER,
    selector: STRING,
    types: listOf(oneOfStrings(['Ingress', 'Egress'])),
    ingress: listOf(RULE),
    egress: listOf(RULE),
    serviceAccountSelector: STRING,
    performanceHints: STRING_LIST,
  };
  if (global) {
    fields.namespaceSelector = STRING;
    fields.doNotTrack = BOOL;
    fields.preDNAT = BOOL;
    fields.applyOnForward = BOOL;
  }
  return objectOf(fields);
}

const NAMED_PROTOCOL =
  /^(TCP|tcp|UDP|udp|ICMP|icmp|ICMPv6|icmpv6|SCTP|sctp|UDPLite|udplite)$/;
const PORT_PROTOCOL =
  /^(TCP|tcp|UDP|udp|SCTP|sctp|UDPLite|udplite|6|17|132|136)$/;
const PORT_TEXT =
  /^([0-9]+(:[0-9]+)?|[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?)$/;

function isMapping(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkSelectorText(value: unknown, path: string, out: string[]): void {
  if (typeof value !== 'string') return;
  const parsed = parseCalicoSelector(value);
  if (!parsed.ok)
    out.push(`${path}: invalid selector ${quote(value)}: ${parsed.error}`);
}

function checkProtocol(value: unknown, path: string, out: string[]): void {
  if (value === undefined || value === null) return;
  const ok =
    typeof value === 'number'
      ? value >= 1 && value <= 255
      : typeof value === 'string' && NAMED_PROTOCOL.test(value);
  if (!ok)
    out.push(
      `${path}: invalid value ${quote(
        value,
      )}: must be TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or a number 1-255`,
    );
}

function checkEntity(
  e: Record<string, any>,
  path: string,
  protocol: unknown,
  out: string[],
): void {
  for (const key of ['nets', 'notNets']) {
    const list = e[key];
    if (Array.isArray(list))
      list.forEach((n: unknown, i: number) => {
        // Calico takes a bare address as its /32 or /128.
        if (
          typeof n === 'string' &&
          !parseCidr(
            n.includes('/') ? n : `${n}/${n.includes(':') ? 128 : 32}`,
            { strict: true },
          )
        )
          out.push(
            `${at(child(path, key), i)}: invalid value ${quote(
              n,
            )}: must be a CIDR or an IP address`,
          );
      });
  }
  for (const key of ['selector', 'notSelector', 'namespaceSelector'])
    checkSelectorText(e[key], child(path, key), out);
  if (isMapping(e.serviceAccounts))
    checkSelectorText(
      e.serviceAccounts.selector,
      child(child(path, 'serviceAccounts'), 'selector'),
      out,
    );
  for (const key of ['ports', 'notPorts']) {
    const list = e[key];
    if (!Array.isArray(list) || list.length === 0) continue;
    if (!PORT_PROTOCOL.test(String(protocol ?? '')))
      out.push(
        `${child(
          path,
          key,
        )}: ports are only valid with protocol TCP, UDP, SCTP or UDPLite`,
      );
    list.forEach((p: unknown, i: number) => {
      const bad =
        typeof p === 'number'
          ? !(Number.isInteger(p) && p >= 0 && p <= 65535)
          : typeof p === 'string' && !PORT_TEXT.test(p);
      if (bad)
        out.push(
          `${at(child(path, key), i)}: invalid value ${quote(
            p,
          )}: must be a port, a range "from:to" or a port name`,
        );
    });
  }
}

function checkRules(list: unknown, path: string, out: string[]): void {
  if (!Array.isArray(list)) return;
  list.forEach((r: unknown, i: number) => {
    const rPath = at(path, i);
    if (!isMapping(r)) return;
    if (typeof r.action !== 'string' || r.action === '')
      out.push(
        `${child(rPath, 'action')}: required value: Allow, Deny, Log or Pass`,
      );
    if (
      r.ipVersion !== undefined &&
      r.ipVersion !== null &&
      r.ipVersion !== 4 &&
      r.ipVersion !== 6
    )
      out.push(
        `${child(rPath, 'ipVersion')}: invalid value ${quote(
          r.ipVersion,
        )}: must be 4 or 6`,
      );
    checkProtocol(r.protocol, child(rPath, 'protocol'), out);
    checkProtocol(r.notProtocol, child(rPath, 'notProtocol'), out);
    for (const side of ['source', 'destination'])
      if (isMapping(r[side]))
        checkEntity(r[side], child(rPath, side), r.protocol, out);
  });
}

/** Every problem of a raw Calico policy object, each with its field path. */
export function validateCalicoPolicy(
  raw: Record<string, any>,
  global: boolean,
): string[] {
  const out: string[] = [];
  const shape = objectOf({
    apiVersion: STRING,
    kind: STRING,
    metadata: OBJECT_META,
    spec: specShape(global),
    status: ANY,
  });
  checkShape(raw, shape, '', out);
  checkMetadata(raw.metadata, !global, out);
  const spec = raw.spec;
  if (!isMapping(spec)) return out;
  for (const key of ['selector', 'serviceAccountSelector', 'namespaceSelector'])
    checkSelectorText(spec[key], child('spec', key), out);
  checkRules(spec.ingress, 'spec.ingress', out);
  checkRules(spec.egress, 'spec.egress', out);
  return out;
}
