/**
 * Validation of AdminNetworkPolicy, BaselineAdminNetworkPolicy and
 * ClusterNetworkPolicy objects as their CRD schemas (kubebuilder markers and
 * CEL rules of kubernetes-sigs/network-policy-api) and the API server's
 * strict field validation do: unknown fields, required fields, priority
 * 0-1000, exactly one subject field, exactly one field per peer, port and
 * protocol, actions per kind, the BaselineAdminNetworkPolicy named
 * `default`, list limits, port ranges, CIDRs, domain names (allow rules
 * only) and named ports never beside address peers. Each problem starts
 * with its field path.
 */
import { checkMetadata } from '../validation/metadata';
import { at, checkShape, child, quote } from '../validation/shape';
import {
  BASELINE_NAME,
  KindRules,
  kindRules,
  MAX_PRIORITY,
} from './apiVersions';
import { objectShape } from './shapes';
import {
  checkDomainNames,
  checkListSize,
  checkNetworks,
  checkOneOf,
  checkPodPeer,
  checkRuleName,
  checkV1alpha1Port,
  checkV1alpha2Protocol,
  isMapping,
} from './validateParts';

type Obj = Record<string, any>;

const POD_PEERS = ['namespaces', 'pods'];

function checkPeers(
  peers: unknown,
  direction: 'ingress' | 'egress',
  rule: Obj,
  rules: KindRules,
  path: string,
  out: string[],
): { addressPeer: boolean } {
  let addressPeer = false;
  if (!checkListSize(peers, path, rules.maxPeers, true, out))
    return { addressPeer };
  const fields =
    direction === 'ingress'
      ? POD_PEERS
      : [
          ...POD_PEERS,
          'nodes',
          'networks',
          ...(rules.domainNames ? ['domainNames'] : []),
        ];
  peers.forEach((peer, i) => {
    const p = at(path, i);
    const field = checkOneOf(peer, fields, p, out);
    if (!field) return;
    const value = peer as Obj;
    if (field === 'networks')
      checkNetworks(value.networks, child(p, field), out);
    else if (field === 'domainNames') {
      checkDomainNames(value.domainNames, child(p, field), out);
      if (typeof rule.action === 'string' && rule.action !== rules.acceptAction)
        out.push(
          `${child(p, field)}: forbidden: domainNames may only be used in ${
            rules.acceptAction
          } rules`,
        );
    } else checkPodPeer(field, value, rules, p, out);
    if (field === 'networks' || field === 'nodes' || field === 'domainNames')
      addressPeer = true;
  });
  return { addressPeer };
}

function checkRule(
  rule: unknown,
  direction: 'ingress' | 'egress',
  rules: KindRules,
  path: string,
  out: string[],
): void {
  if (!isMapping(rule)) return;
  checkRuleName(rule.name, child(path, 'name'), out);
  if (rule.action === undefined || rule.action === null)
    out.push(`${child(path, 'action')}: required value`);
  else if (
    typeof rule.action === 'string' &&
    !rules.actions.includes(rule.action)
  )
    out.push(
      `${child(path, 'action')}: unsupported value ${quote(
        rule.action,
      )}: supported values: ${rules.actions.map(a => `"${a}"`).join(', ')}`,
    );
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  const { addressPeer } = checkPeers(
    rule[peersKey],
    direction,
    rule,
    rules,
    child(path, peersKey),
    out,
  );
  const portsKey = rules.hasTier ? 'protocols' : 'ports';
  const ports = rule[portsKey];
  const portsPath = child(path, portsKey);
  let named = false;
  if (checkListSize(ports, portsPath, rules.maxPorts, false, out))
    ports.forEach((entry, i) => {
      const isNamed = rules.hasTier
        ? checkV1alpha2Protocol(entry, at(portsPath, i), out)
        : checkV1alpha1Port(entry, at(portsPath, i), out);
      named ||= isNamed;
    });
  if (addressPeer && named)
    out.push(
      `${path}: invalid: networks/nodes/domainNames peer cannot be set with named ports since there are no named ports for networks/nodes/domainNames`,
    );
}

function checkSpec(spec: Obj, rules: KindRules, out: string[]): void {
  if (rules.hasTier) {
    if (spec.tier === undefined || spec.tier === null)
      out.push('spec.tier: required value');
    else if (
      typeof spec.tier === 'string' &&
      !['Admin', 'Baseline'].includes(spec.tier)
    )
      out.push(
        `spec.tier: unsupported value ${quote(
          spec.tier,
        )}: supported values: "Admin", "Baseline"`,
      );
  }
  if (rules.hasPriority) {
    const p = spec.priority;
    if (p === undefined || p === null)
      out.push('spec.priority: required value');
    else if (typeof p === 'number' && (p < 0 || p > MAX_PRIORITY))
      out.push(
        `spec.priority: invalid value ${p}: must be between 0 and ${MAX_PRIORITY}, inclusive`,
      );
  }
  const subjectField = checkOneOf(spec.subject, POD_PEERS, 'spec.subject', out);
  if (subjectField)
    checkPodPeer(subjectField, spec.subject, rules, 'spec.subject', out);
  for (const direction of ['ingress', 'egress'] as const) {
    const list = spec[direction];
    if (list === undefined || list === null || !Array.isArray(list)) continue;
    if (list.length > rules.maxRules)
      out.push(
        `spec.${direction}: too many: ${list.length}: must have at most ${rules.maxRules} items`,
      );
    list.forEach((rule, i) =>
      checkRule(rule, direction, rules, at(`spec.${direction}`, i), out),
    );
  }
}

/**
 * Every reason the API server would reject this admin policy object, each
 * with its field path; empty when it is valid. The object is the whole
 * manifest (`apiVersion`, `kind`, `metadata`, `spec`).
 */
export function validateAdminPolicy(object: unknown): string[] {
  if (!isMapping(object)) return ['(object): must be a mapping'];
  const rules = kindRules(object.kind);
  if (!rules)
    return [`kind: ${quote(object.kind)} is not a network-policy API kind`];
  const out: string[] = [];
  if (object.apiVersion !== rules.apiVersion)
    out.push(
      `apiVersion: ${quote(object.apiVersion)} is not served for ${
        rules.kind
      }: use ${rules.apiVersion}`,
    );
  checkShape(object, objectShape(rules), '', out);
  checkMetadata(object.metadata, false, out);
  const name = isMapping(object.metadata) ? object.metadata.name : undefined;
  if (rules.kind === 'BaselineAdminNetworkPolicy' && name !== BASELINE_NAME)
    out.push(
      `metadata.name: invalid value ${quote(
        name,
      )}: Only one baseline admin network policy with metadata.name="${BASELINE_NAME}" can be created in the cluster`,
    );
  if (object.spec === undefined || object.spec === null)
    out.push('spec: required value');
  else if (isMapping(object.spec)) checkSpec(object.spec, rules, out);
  return out;
}
