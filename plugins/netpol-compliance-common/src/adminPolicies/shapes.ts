/**
 * The fields each kind of the network-policy API declares (its CRD's
 * structural schema): anything else is an unknown field, refused as
 * `kubectl apply` with strict field validation refuses it.
 */
import { LABEL_SELECTOR } from '../validation/labelSelector';
import { OBJECT_META } from '../validation/metadata';
import {
  ANY,
  INT,
  listOf,
  objectOf,
  Shape,
  STRING,
  STRING_LIST,
} from '../validation/shape';
import type { KindRules } from './apiVersions';

const NAMESPACED_POD = objectOf({
  namespaceSelector: LABEL_SELECTOR,
  podSelector: LABEL_SELECTOR,
});

const SUBJECT = objectOf({ namespaces: LABEL_SELECTOR, pods: NAMESPACED_POD });

const INGRESS_PEER = SUBJECT;

function egressPeer(domainNames: boolean): Shape {
  return objectOf({
    namespaces: LABEL_SELECTOR,
    pods: NAMESPACED_POD,
    nodes: LABEL_SELECTOR,
    networks: STRING_LIST,
    ...(domainNames ? { domainNames: STRING_LIST } : {}),
  });
}

/** v1alpha1 `ports` entries. */
const V1ALPHA1_PORT = objectOf({
  portNumber: objectOf({ protocol: STRING, port: INT }),
  namedPort: STRING,
  portRange: objectOf({ protocol: STRING, start: INT, end: INT }),
});

const V1ALPHA2_DESTINATION = objectOf({
  destinationPort: objectOf({
    number: INT,
    range: objectOf({ start: INT, end: INT }),
  }),
});

/** v1alpha2 `protocols` entries. */
const V1ALPHA2_PROTOCOL = objectOf({
  tcp: V1ALPHA2_DESTINATION,
  udp: V1ALPHA2_DESTINATION,
  sctp: V1ALPHA2_DESTINATION,
  destinationNamedPort: STRING,
});

/** The whole object of a kind: apiVersion, kind, metadata, spec, status. */
export function objectShape(rules: KindRules): Shape {
  const v2 = rules.hasTier;
  const portsField: Record<string, Shape> = v2
    ? { protocols: listOf(V1ALPHA2_PROTOCOL) }
    : { ports: listOf(V1ALPHA1_PORT) };
  const rule = (peersKey: 'from' | 'to', peer: Shape) =>
    objectOf({
      name: STRING,
      action: STRING,
      [peersKey]: listOf(peer),
      ...portsField,
    });
  return objectOf({
    apiVersion: STRING,
    kind: STRING,
    metadata: OBJECT_META,
    spec: objectOf({
      ...(rules.hasTier ? { tier: STRING } : {}),
      ...(rules.hasPriority ? { priority: INT } : {}),
      subject: SUBJECT,
      ingress: listOf(rule('from', INGRESS_PEER)),
      egress: listOf(rule('to', egressPeer(rules.domainNames))),
    }),
    status: ANY,
  });
}
