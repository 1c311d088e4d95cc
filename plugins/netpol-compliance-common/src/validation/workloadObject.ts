/**
 * The kinds the engine reads besides policies (Namespace, Pod, the pod
 * controllers, ConfigMap), checked where the engine reads them: each field
 * it reads has the type the API server's decoding gives it (`spec` a
 * mapping, `containers` a list, `containerPort` an integer, labels strings).
 * kubectl apply refuses an object whose fields cannot be decoded, so a
 * manifest with `spec: "oops"` never becomes a workload without pods or
 * labels here either. Label, annotation and data values are read as text,
 * numbers and booleans included (`version: 2` is `"2"`, as before); a
 * mapping or a list there cannot be. Fields the engine does not read are
 * left to the API server.
 */
import {
  BOOL,
  checkShape,
  fitsShape,
  INT,
  listOf,
  openObjectOf,
  SCALAR,
  Shape,
  STRING,
  STRING_LIST,
} from './shape';
import { readKindOf } from '../snapshot/readKinds';

/** Labels, annotations, data: read as text, as the snapshot builder reads them. */
const TEXT_MAP: Shape = { t: 'map', of: SCALAR };

const OWNER_REFERENCE = openObjectOf({
  kind: STRING,
  name: STRING,
  uid: STRING,
  controller: BOOL,
});

const METADATA = openObjectOf({
  name: STRING,
  namespace: STRING,
  labels: TEXT_MAP,
  annotations: TEXT_MAP,
  ownerReferences: listOf(OWNER_REFERENCE),
});

const CONTAINER = openObjectOf({
  name: STRING,
  image: STRING,
  command: STRING_LIST,
  args: STRING_LIST,
  env: listOf(openObjectOf({ name: STRING, value: STRING })),
  ports: listOf(openObjectOf({ containerPort: INT, name: STRING, protocol: STRING })),
  restartPolicy: STRING,
});

const POD_SPEC = openObjectOf({
  containers: listOf(CONTAINER),
  initContainers: listOf(CONTAINER),
  hostNetwork: BOOL,
  serviceAccountName: STRING,
  serviceAccount: STRING,
});

const POD_TEMPLATE = openObjectOf({
  metadata: openObjectOf({ labels: TEXT_MAP }),
  spec: POD_SPEC,
});

const POD = openObjectOf({
  metadata: METADATA,
  spec: POD_SPEC,
  status: openObjectOf({
    phase: STRING,
    podIP: STRING,
    podIPs: listOf(openObjectOf({ ip: STRING })),
  }),
});

const CONTROLLER = openObjectOf({
  metadata: METADATA,
  spec: openObjectOf({ template: POD_TEMPLATE }),
});

const CRON_JOB = openObjectOf({
  metadata: METADATA,
  spec: openObjectOf({
    jobTemplate: openObjectOf({
      spec: openObjectOf({ template: POD_TEMPLATE }),
    }),
  }),
});

const BY_READ: Record<string, Shape> = {
  namespace: openObjectOf({ metadata: METADATA }),
  pod: POD,
  controller: CONTROLLER,
  configMap: openObjectOf({ metadata: METADATA, data: TEXT_MAP }),
};

/**
 * Every field the engine reads that does not have its type, with its path
 * (`spec: must be a mapping, not a string`); empty for a readable object
 * or a kind the engine does not read (policies are validated apart).
 */
export function validateReadObject(kind: string, raw: unknown): string[] {
  const read = readKindOf(kind);
  if (!read || read === 'policy') return [];
  const shape = kind === 'CronJob' ? CRON_JOB : BY_READ[read];
  if (fitsShape(raw, shape)) return [];
  const out: string[] = [];
  checkShape(raw, shape, '', out);
  return out;
}
