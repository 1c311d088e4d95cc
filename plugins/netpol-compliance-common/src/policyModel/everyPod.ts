/**
 * Which policies select every pod of a namespace, whatever its labels or
 * service account: the pods to come included, which is what a default
 * deny is for. A selector is run on a pod without labels whose label maps
 * record every key read; when it matches without reading any key a pod
 * carries itself (only the namespace's own keys, which every pod of the
 * namespace shares), its answer holds for every pod. `{}`, `all()` and
 * `io.kubernetes.pod.namespace: shop` pass; `app NotIn [web]` does not,
 * since a pod labelled `app: web` would escape it.
 */
import type { Labels } from '../selectors/labelSelector';
import { EndpointView } from '../otherPolicies/endpointView';
import type { ModelPod, ModelPolicy } from './types';

/** Keys the engines derive from the namespace: the same on every pod of it. */
function namespaceKey(key: string): boolean {
  return (
    key === 'io.kubernetes.pod.namespace' ||
    key.startsWith('io.cilium.k8s.namespace.labels.') ||
    key === 'projectcalico.org/namespace' ||
    key === 'projectcalico.org/orchestrator' ||
    key.startsWith('pcns.')
  );
}

class Recorder {
  touched = false;

  watch(labels: Labels): Labels {
    const mark = (key: string | symbol) => {
      if (typeof key === 'string' && !namespaceKey(key)) this.touched = true;
    };
    return new Proxy(labels, {
      get: (target, key) => {
        mark(key);
        return Reflect.get(target, key);
      },
      has: (target, key) => {
        mark(key);
        return Reflect.has(target, key);
      },
      getOwnPropertyDescriptor: (target, key) => {
        mark(key);
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
    });
  }
}

class RecordingEndpoint extends EndpointView {
  constructor(
    namespace: string,
    namespaceLabels: Labels,
    private readonly recorder: Recorder,
  ) {
    super(namespace, namespaceLabels, {});
  }

  ciliumLabels(): Labels {
    return this.recorder.watch(super.ciliumLabels());
  }

  calicoLabels(): Labels {
    return this.recorder.watch(super.calicoLabels());
  }
}

let serial = 0;

/**
 * Whether `match` holds for every pod of a namespace, whatever its labels
 * and service account: it holds for a pod without labels without reading
 * any key a pod carries itself.
 */
export function holdsForEveryPod(
  namespace: string,
  namespaceLabels: Labels,
  match: (pod: ModelPod) => boolean,
): boolean {
  const { matched, readPodKeys } = probeOnce(namespace, namespaceLabels, match);
  return matched && !readPodKeys;
}

/**
 * Whether `match` may hold for some pod of a namespace: it does for a pod
 * without labels, or its answer read keys a pod carries (so some pod may
 * carry the values it wants). False only when the namespace's own keys
 * rule it out.
 */
export function mayHoldInNamespace(
  namespace: string,
  namespaceLabels: Labels,
  match: (pod: ModelPod) => boolean,
): boolean {
  const { matched, readPodKeys } = probeOnce(namespace, namespaceLabels, match);
  return matched || readPodKeys;
}

function probeOnce(
  namespace: string,
  namespaceLabels: Labels,
  match: (pod: ModelPod) => boolean,
): { matched: boolean; readPodKeys: boolean } {
  const recorder = new Recorder();
  const labels = recorder.watch({});
  // A key of its own for each question: selector memos must not answer it.
  const key = `\u0007every-pod-${serial++}`;
  const probe = {
    namespace,
    namespaceLabels,
    labels,
    get serviceAccount() {
      recorder.touched = true;
      return 'default';
    },
    ports: [],
    podView: {
      namespace,
      namespaceKey: `\u0002${namespace}`,
      namespaceLabels,
      labels,
      labelsKey: key,
    },
    endpoint: new RecordingEndpoint(namespace, namespaceLabels, recorder),
  } as ModelPod;
  const matched = match(probe);
  return { matched, readPodKeys: recorder.touched };
}

/** The policies among `candidates` that select every pod of `namespace`. */
export function policiesForEveryPod(
  namespace: string,
  namespaceLabels: Labels,
  candidates: ModelPolicy[],
): ModelPolicy[] {
  return candidates.filter(policy =>
    holdsForEveryPod(namespace, namespaceLabels, pod => policy.selects(pod)),
  );
}
