/**
 * The semantic checks of the network-policy API kinds that a structural
 * schema alone does not express: exactly one field in each one-of
 * (subject, peer, port, protocol), required fields, list limits, CIDRs as
 * CEL's `isCIDR` reads them, port ranges, and the CEL rule that named ports
 * cannot go with address peers.
 */
import { parseCidr } from '../semantics/ipBlock';
import { checkLabelSelector } from '../validation/labelSelector';
import { portNumberProblems } from '../validation/names';
import { at, child, quote } from '../validation/shape';
import { KindRules, MAX_NETWORKS, MAX_RULE_NAME } from './apiVersions';

type Obj = Record<string, any>;

export function isMapping(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The fields of a one-of that are set (null counts as absent, as the API server decodes it). */
function setFields(value: Obj, fields: readonly string[]): string[] {
  return fields.filter(f => value[f] !== undefined && value[f] !== null);
}

/** MinProperties=1 / MaxProperties=1: exactly one of `fields`. */
export function checkOneOf(
  value: unknown,
  fields: readonly string[],
  path: string,
  out: string[],
): string | undefined {
  if (!isMapping(value)) {
    if (value === undefined || value === null)
      out.push(`${path}: required value`);
    return undefined;
  }
  const set = setFields(value, fields);
  if (set.length === 1) return set[0];
  out.push(
    set.length === 0
      ? `${path}: must set exactly one of ${fields.join(', ')}`
      : `${path}: must set only one of ${fields.join(', ')}, not ${set.join(
          ' and ',
        )}`,
  );
  return undefined;
}

/** A list that must be present (when `required`) with between 1 and `max` items. */
export function checkListSize(
  value: unknown,
  path: string,
  max: number,
  required: boolean,
  out: string[],
): value is unknown[] {
  if (value === undefined || value === null) {
    if (required) out.push(`${path}: required value`);
    return false;
  }
  if (!Array.isArray(value)) return false; // the shape check reports the type
  if (value.length === 0) out.push(`${path}: must have at least 1 item`);
  if (value.length > max)
    out.push(
      `${path}: too many: ${value.length}: must have at most ${max} items`,
    );
  return true;
}

export function checkNamespacedPod(
  value: unknown,
  rules: KindRules,
  path: string,
  out: string[],
): void {
  if (!isMapping(value)) return;
  if (value.podSelector === undefined || value.podSelector === null)
    out.push(`${child(path, 'podSelector')}: required value`);
  if (
    rules.namespaceSelectorRequired &&
    (value.namespaceSelector === undefined || value.namespaceSelector === null)
  )
    out.push(`${child(path, 'namespaceSelector')}: required value`);
  checkLabelSelector(value.podSelector, child(path, 'podSelector'), out);
  checkLabelSelector(
    value.namespaceSelector,
    child(path, 'namespaceSelector'),
    out,
  );
}

/** `subject` or an ingress peer: namespaces or pods. */
export function checkPodPeer(
  field: string | undefined,
  value: Obj,
  rules: KindRules,
  path: string,
  out: string[],
): void {
  if (field === 'namespaces')
    checkLabelSelector(value.namespaces, child(path, 'namespaces'), out);
  else if (field === 'pods')
    checkNamespacedPod(value.pods, rules, child(path, 'pods'), out);
}

// kubebuilder Pattern of DomainName.
const DOMAIN_NAME =
  /^(\*\.)?([a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.)+[a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.?$/;

/** `networks`: a set of 1-25 CIDRs, each valid for CEL's isCIDR (strict: no leading zeros). */
export function checkNetworks(
  value: unknown,
  path: string,
  out: string[],
): void {
  if (!checkListSize(value, path, MAX_NETWORKS, false, out)) return;
  const seen = new Set<string>();
  value.forEach((cidr, i) => {
    if (typeof cidr !== 'string') return;
    if (seen.has(cidr))
      out.push(`${at(path, i)}: duplicate value ${quote(cidr)}`);
    seen.add(cidr);
    if (cidr.length > 43)
      out.push(`${at(path, i)}: may not be longer than 43 characters`);
    else if (!parseCidr(cidr, { strict: true }))
      out.push(
        `${at(path, i)}: invalid value ${quote(
          cidr,
        )}: Invalid CIDR format provided`,
      );
  });
}

export function checkDomainNames(
  value: unknown,
  path: string,
  out: string[],
): void {
  if (!checkListSize(value, path, MAX_NETWORKS, false, out)) return;
  value.forEach((name, i) => {
    if (typeof name === 'string' && !DOMAIN_NAME.test(name))
      out.push(
        `${at(path, i)}: invalid value ${quote(
          name,
        )}: a domain name, optionally starting with "*."`,
      );
  });
}

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

function checkPortNumber(value: unknown, path: string, out: string[]): void {
  if (value === undefined || value === null) {
    out.push(`${path}: required value`);
    return;
  }
  if (typeof value === 'number')
    for (const p of portNumberProblems(value))
      out.push(`${path}: invalid value ${value}: ${p}`);
}

function checkProtocol(value: unknown, path: string, out: string[]): void {
  if (typeof value === 'string' && !PROTOCOLS.includes(value))
    out.push(
      `${path}: unsupported value ${quote(
        value,
      )}: supported values: "TCP", "UDP", "SCTP"`,
    );
}

/** `start` and `end` of a range: each a port, start below end. */
export function checkRange(value: unknown, path: string, out: string[]): void {
  if (!isMapping(value)) return;
  checkPortNumber(value.start, child(path, 'start'), out);
  checkPortNumber(value.end, child(path, 'end'), out);
  if (
    typeof value.start === 'number' &&
    typeof value.end === 'number' &&
    value.start >= value.end
  )
    out.push(`${path}: Start port must be less than End port`);
}

/** A v1alpha1 `ports` entry. Returns whether it is a named port. */
export function checkV1alpha1Port(
  value: unknown,
  path: string,
  out: string[],
): boolean {
  const field = checkOneOf(
    value,
    ['portNumber', 'namedPort', 'portRange'],
    path,
    out,
  );
  if (!field) return false;
  const v = (value as Obj)[field];
  const p = child(path, field);
  if (field === 'portNumber' && isMapping(v)) {
    checkProtocol(v.protocol, child(p, 'protocol'), out);
    checkPortNumber(v.port, child(p, 'port'), out);
  } else if (field === 'portRange' && isMapping(v)) {
    checkProtocol(v.protocol, child(p, 'protocol'), out);
    checkRange(v, p, out);
  } else if (field === 'namedPort' && v === '') {
    out.push(`${p}: required value`);
  }
  return field === 'namedPort';
}

/** A v1alpha2 `protocols` entry. Returns whether it is a named port. */
export function checkV1alpha2Protocol(
  value: unknown,
  path: string,
  out: string[],
): boolean {
  const field = checkOneOf(
    value,
    ['tcp', 'udp', 'sctp', 'destinationNamedPort'],
    path,
    out,
  );
  if (!field) return false;
  const v = (value as Obj)[field];
  const p = child(path, field);
  if (field === 'destinationNamedPort') {
    if (v === '') out.push(`${p}: required value`);
    return true;
  }
  // MinProperties=1 on tcp/udp/sctp: destinationPort is the only property.
  const dest = isMapping(v) ? v.destinationPort : undefined;
  const dp = child(p, 'destinationPort');
  const which = checkOneOf(dest, ['number', 'range'], dp, out);
  if (which === 'number')
    checkPortNumber(dest.number, child(dp, 'number'), out);
  if (which === 'range') checkRange(dest.range, child(dp, 'range'), out);
  return false;
}

export function checkRuleName(
  value: unknown,
  path: string,
  out: string[],
): void {
  if (typeof value === 'string' && value.length > MAX_RULE_NAME)
    out.push(`${path}: may not be longer than ${MAX_RULE_NAME} characters`);
}
