/**
 * CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (`cilium.io/v2`)
 * as their CRD schema and Cilium's policy sanitiser reject them: unknown
 * fields, wrong types, entities, protocols and selector operators outside
 * their enums, CIDRs that do not parse, a rule without exactly one of
 * `endpointSelector`/`nodeSelector`, a policy with neither `spec` nor
 * `specs`. Label keys are not checked: Cilium keys carry a source prefix
 * (`k8s:io.kubernetes.pod.namespace`) that Kubernetes keys cannot.
 */
import { parseCidr } from '../semantics/ipBlock';
import { checkRequirementOperator } from './labelSelector';
import { checkMetadata, OBJECT_META } from './metadata';
import { labelValueProblems } from './names';
import {
  ANY,
  at,
  BOOL,
  checkShape,
  child,
  INT,
  INT_OR_STRING,
  listOf,
  objectOf,
  oneOfStrings,
  quote,
  Shape,
  STRING,
  STRING_LIST,
  STRING_MAP,
} from './shape';

const SELECTOR: Shape = objectOf({
  matchLabels: STRING_MAP,
  matchExpressions: listOf(
    objectOf({
      key: STRING,
      operator: oneOfStrings(['In', 'NotIn', 'Exists', 'DoesNotExist']),
      values: STRING_LIST,
    }),
  ),
});

export const CILIUM_ENTITIES = [
  'all',
  'world',
  'cluster',
  'host',
  'init',
  'ingress',
  'unmanaged',
  'remote-node',
  'health',
  'none',
  'kube-apiserver',
];

const CIDR_RULE: Shape = objectOf({
  cidr: STRING,
  cidrGroupRef: STRING,
  cidrGroupSelector: SELECTOR,
  except: STRING_LIST,
});

const PORT_RULE: Shape = objectOf({
  ports: listOf(
    objectOf({
      port: STRING,
      endPort: INT,
      protocol: oneOfStrings([
        'TCP',
        'UDP',
        'SCTP',
        'ICMP',
        'ICMPV6',
        'VRRP',
        'IGMP',
        'ANY',
      ]),
    }),
  ),
  rules: ANY,
  terminatingTLS: ANY,
  originatingTLS: ANY,
  serverNames: STRING_LIST,
  listener: ANY,
});

const ICMPS: Shape = listOf(
  objectOf({
    fields: listOf(
      objectOf({
        family: oneOfStrings(['IPv4', 'IPv6']),
        type: INT_OR_STRING,
      }),
    ),
  }),
);

const AUTHENTICATION: Shape = objectOf({
  mode: oneOfStrings(['disabled', 'required', 'test-always-fail']),
});

function peerFields(
  prefix: 'from' | 'to',
  extra: Record<string, Shape>,
): Record<string, Shape> {
  return {
    [`${prefix}Endpoints`]: listOf(SELECTOR),
    [`${prefix}Requires`]: listOf(SELECTOR),
    [`${prefix}CIDR`]: STRING_LIST,
    [`${prefix}CIDRSet`]: listOf(CIDR_RULE),
    [`${prefix}Entities`]: listOf(oneOfStrings(CILIUM_ENTITIES)),
    [`${prefix}Groups`]: listOf(ANY),
    [`${prefix}Nodes`]: listOf(SELECTOR),
    toPorts: listOf(PORT_RULE),
    icmps: ICMPS,
    ...extra,
  };
}

const RULE: Shape = objectOf({
  endpointSelector: SELECTOR,
  nodeSelector: SELECTOR,
  ingress: listOf(
    objectOf(peerFields('from', { authentication: AUTHENTICATION })),
  ),
  ingressDeny: listOf(objectOf(peerFields('from', {}))),
  egress: listOf(
    objectOf(
      peerFields('to', {
        toServices: listOf(ANY),
        toFQDNs: listOf(objectOf({ matchName: STRING, matchPattern: STRING })),
        authentication: AUTHENTICATION,
      }),
    ),
  ),
  egressDeny: listOf(objectOf(peerFields('to', { toServices: listOf(ANY) }))),
  labels: listOf(objectOf({ key: STRING, value: STRING, source: STRING })),
  description: STRING,
  enableDefaultDeny: objectOf({ ingress: BOOL, egress: BOOL }),
  log: objectOf({ value: STRING }),
});

const CILIUM_POLICY: Shape = objectOf({
  apiVersion: STRING,
  kind: STRING,
  metadata: OBJECT_META,
  spec: RULE,
  specs: listOf(RULE),
  status: ANY,
});

function isMapping(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null;
}

function checkSelector(sel: unknown, path: string, out: string[]): void {
  if (!isMapping(sel)) return;
  if (isMapping(sel.matchLabels))
    for (const [k, v] of Object.entries(sel.matchLabels))
      if (typeof v === 'string')
        for (const p of labelValueProblems(v))
          out.push(
            `${at(child(path, 'matchLabels'), k)}: invalid value ${quote(
              v,
            )}: ${p}`,
          );
  if (Array.isArray(sel.matchExpressions))
    sel.matchExpressions.forEach((req: unknown, i: number) => {
      if (isMapping(req) && typeof req.operator === 'string')
        checkRequirementOperator(
          req,
          at(child(path, 'matchExpressions'), i),
          out,
        );
    });
}

function checkCidrs(list: unknown, path: string, out: string[]): void {
  if (!Array.isArray(list)) return;
  list.forEach((c: unknown, i: number) => {
    if (typeof c === 'string' && !parseCidr(c, { strict: true }))
      out.push(
        `${at(path, i)}: invalid value ${quote(
          c,
        )}: must be a CIDR (e.g. 10.0.0.0/8)`,
      );
  });
}

/** A Cilium port: a number 0-65535 or a port name, always as a string. */
const CILIUM_PORT =
  /^((6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[0-9]{1,4})|([a-zA-Z0-9]-?)*[a-zA-Z](-?[a-zA-Z0-9])*)$/;

function checkPorts(portRules: unknown, path: string, out: string[]): void {
  if (!Array.isArray(portRules)) return;
  portRules.forEach((rule: unknown, i: number) => {
    if (!isMapping(rule) || !Array.isArray(rule.ports)) return;
    rule.ports.forEach((p: unknown, j: number) => {
      if (
        isMapping(p) &&
        typeof p.port === 'string' &&
        !CILIUM_PORT.test(p.port)
      )
        out.push(
          `${at(child(at(path, i), 'ports'), j)}.port: invalid value ${quote(
            p.port,
          )}: must be a port number 0-65535 or a port name`,
        );
    });
  });
}

function checkRuleSections(
  rule: Record<string, any>,
  path: string,
  out: string[],
): void {
  for (const section of ['ingress', 'ingressDeny', 'egress', 'egressDeny']) {
    const list = rule[section];
    if (!Array.isArray(list)) continue;
    const prefix = section.startsWith('ingress') ? 'from' : 'to';
    list.forEach((r: unknown, i: number) => {
      if (!isMapping(r)) return;
      const rPath = at(child(path, section), i);
      for (const key of ['Endpoints', 'Requires', 'Nodes']) {
        const sels = r[`${prefix}${key}`];
        if (Array.isArray(sels))
          sels.forEach((s: unknown, j: number) =>
            checkSelector(s, at(child(rPath, `${prefix}${key}`), j), out),
          );
      }
      checkCidrs(r[`${prefix}CIDR`], child(rPath, `${prefix}CIDR`), out);
      checkPorts(r.toPorts, child(rPath, 'toPorts'), out);
      const sets = r[`${prefix}CIDRSet`];
      if (Array.isArray(sets))
        sets.forEach((s: unknown, j: number) => {
          if (!isMapping(s)) return;
          const sPath = at(child(rPath, `${prefix}CIDRSet`), j);
          const refs = ['cidr', 'cidrGroupRef', 'cidrGroupSelector'].filter(k =>
            present(s[k]),
          );
          if (refs.length !== 1)
            out.push(
              `${sPath}: must have exactly one of cidr, cidrGroupRef, cidrGroupSelector`,
            );
          if (typeof s.cidr === 'string')
            checkCidrs([s.cidr], child(sPath, 'cidr'), out);
          checkCidrs(s.except, child(sPath, 'except'), out);
        });
    });
  }
}

function checkRule(
  rule: Record<string, any>,
  path: string,
  clusterWide: boolean,
  out: string[],
): void {
  const hasEndpoints = present(rule.endpointSelector);
  const hasNodes = present(rule.nodeSelector);
  if (hasEndpoints === hasNodes)
    out.push(
      `${path}: must have exactly one of endpointSelector, nodeSelector`,
    );
  if (hasNodes && !clusterWide)
    out.push(
      `${child(
        path,
        'nodeSelector',
      )}: forbidden: only a CiliumClusterwideNetworkPolicy may select nodes`,
    );
  checkSelector(rule.endpointSelector, child(path, 'endpointSelector'), out);
  checkSelector(rule.nodeSelector, child(path, 'nodeSelector'), out);
  checkRuleSections(rule, path, out);
}

/** Every problem of a raw Cilium policy object, each with its field path. */
export function validateCiliumPolicy(
  raw: Record<string, any>,
  clusterWide: boolean,
): string[] {
  const out: string[] = [];
  checkShape(raw, CILIUM_POLICY, '', out);
  checkMetadata(raw.metadata, !clusterWide, out);
  if (!present(raw.spec) && !present(raw.specs))
    out.push('spec: required value: a Cilium policy needs spec or specs');
  if (isMapping(raw.spec)) checkRule(raw.spec, 'spec', clusterWide, out);
  if (Array.isArray(raw.specs))
    raw.specs.forEach((r: unknown, i: number) => {
      if (isMapping(r)) checkRule(r, at('specs', i), clusterWide, out);
    });
  return out;
}
