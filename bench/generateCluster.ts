/**
 * A seeded generator of realistic Kubernetes clusters for the benchmark.
 *
 * Same seed, same cluster: every choice comes from {@link Rng}; no clock and
 * no Math.random. Objects are in API shape (kind, apiVersion, metadata with
 * uid, resourceVersion, creationTimestamp and managedFields, spec, status),
 * sized like what a real API server returns, because parse time and memory
 * grow with bytes, not with object counts.
 *
 * What a cluster holds:
 * - system namespaces: kube-system (calico-node and kube-proxy DaemonSets,
 *   coredns, calico-kube-controllers, metrics-server), kube-public,
 *   kube-node-lease, ingress-nginx (the ingress controller), monitoring
 *   (prometheus, grafana, kube-state-metrics, node-exporter);
 * - team namespaces `<team>[-<area>]-<env>` labelled team/env, a few
 *   exempt by annotation, about 15% without any NetworkPolicy;
 * - workloads: Deployments -> ReplicaSets (plus old, scaled-down ones) ->
 *   Pods, StatefulSets -> Pods, CronJobs -> Jobs -> Pods (Succeeded), bare
 *   Pods, one pod per node for each DaemonSet; pods have IPs, named
 *   container ports, probes, resources and a status;
 * - policies: default-deny (ingress, or ingress and egress), allow-DNS
 *   egress, allow-from-ingress-controller, prometheus scraping from another
 *   namespace, app-to-app allows, cross-namespace allows by team label,
 *   ipBlock allows, and permissive ones (`ingress: [{}]`, 0.0.0.0/0,
 *   `namespaceSelector: {}`, `egress: [{}]`, rules without peers);
 * - a `kube-root-ca.crt` ConfigMap per namespace, as every real cluster has;
 * - catalog entities (Groups' Components) mapping to the workloads through
 *   `backstage.io/kubernetes-id` and to team namespaces through
 *   `backstage.io/kubernetes-namespace`, for the backend's endpoints.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Rng } from './prng';

export interface ClusterSize {
  namespaces: number;
  pods: number;
  policies: number;
}

export type SizeName = 'S' | 'M' | 'L' | 'XL';

export const SIZES: Record<SizeName, ClusterSize> = {
  S: { namespaces: 50, pods: 2_000, policies: 200 },
  M: { namespaces: 500, pods: 20_000, policies: 2_000 },
  L: { namespaces: 2_000, pods: 100_000, policies: 10_000 },
  /** Optional (`--sizes XL`): how time and memory grow past L. */
  XL: { namespaces: 5_000, pods: 250_000, policies: 25_000 },
};

export const DEFAULT_SEED = 20250601;

type K8sObject = Record<string, any>;

/** A catalog entity, in the shape the catalog returns it. */
export interface GeneratedEntity {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; annotations?: Record<string, string>; [k: string]: unknown };
  spec?: Record<string, unknown>;
  relations?: Array<{ type: string; targetRef: string }>;
}

export interface GeneratedCluster {
  name: string;
  seed: number;
  size: ClusterSize;
  /** Every object, in API shape with kind and apiVersion. */
  objects: K8sObject[];
  /** Catalog entities mapping to the cluster's namespaces and workloads. */
  entities: GeneratedEntity[];
  stats: {
    namespaces: number;
    namespacesWithoutPolicy: number;
    exemptNamespaces: number;
    nodes: number;
    pods: number;
    policies: number;
    permissivePolicies: number;
    workloads: Record<string, number>;
    objectsByKind: Record<string, number>;
  };
}

// ---------------------------------------------------------------------------
// Vocabulary

const TEAM_WORDS = [
  'payments', 'checkout', 'search', 'catalog', 'identity', 'billing', 'shipping', 'pricing',
  'inventory', 'orders', 'growth', 'ads', 'messaging', 'media', 'mobile', 'partners',
  'fraud', 'risk', 'ledger', 'reporting', 'data', 'ml', 'platform', 'support',
  'loyalty', 'booking', 'maps', 'travel', 'insurance', 'lending', 'wallet', 'kyc',
  'content', 'reviews', 'social', 'chat', 'video', 'audio', 'iot', 'edge',
];
const AREAS = ['core', 'edge', 'batch', 'internal', 'public', 'tools', 'legacy', 'next'];
const ENVS = ['prod', 'staging', 'dev'];

type Tier = 'web' | 'api' | 'worker' | 'data' | 'job';
interface AppKind {
  name: string;
  tier: Tier;
  image: string;
  ports: Array<[string, number, string?]>;
}

const APPS: AppKind[] = [
  { name: 'web', tier: 'web', image: 'nginx', ports: [['http', 8080]] },
  { name: 'frontend', tier: 'web', image: 'node', ports: [['http', 3000], ['metrics', 9464]] },
  { name: 'api', tier: 'api', image: 'api', ports: [['http', 8080], ['metrics', 9090]] },
  { name: 'gateway', tier: 'web', image: 'envoy', ports: [['http', 8080], ['admin', 9901], ['metrics', 9090]] },
  { name: 'auth', tier: 'api', image: 'auth', ports: [['grpc', 9000], ['metrics', 9090]] },
  { name: 'worker', tier: 'worker', image: 'worker', ports: [['metrics', 9090]] },
  { name: 'scheduler', tier: 'worker', image: 'scheduler', ports: [['metrics', 9090]] },
  { name: 'orders', tier: 'api', image: 'orders', ports: [['http', 8080], ['grpc', 9000], ['metrics', 9090]] },
  { name: 'cart', tier: 'api', image: 'cart', ports: [['http', 8080], ['metrics', 9090]] },
  { name: 'search', tier: 'api', image: 'search', ports: [['http', 8080], ['metrics', 9090]] },
  { name: 'indexer', tier: 'worker', image: 'indexer', ports: [['metrics', 9090]] },
  { name: 'notifications', tier: 'worker', image: 'notifier', ports: [['http', 8080]] },
  { name: 'mailer', tier: 'worker', image: 'mailer', ports: [['smtp', 2525], ['metrics', 9090]] },
  { name: 'reports', tier: 'api', image: 'reports', ports: [['http', 8080]] },
  { name: 'analytics', tier: 'api', image: 'analytics', ports: [['http', 8080], ['metrics', 9090]] },
  { name: 'ingest', tier: 'worker', image: 'ingest', ports: [['grpc', 9000], ['metrics', 9090]] },
  { name: 'exporter', tier: 'worker', image: 'exporter', ports: [['metrics', 9100]] },
  { name: 'recommender', tier: 'api', image: 'recommender', ports: [['grpc', 9000], ['metrics', 9090]] },
  { name: 'pricing', tier: 'api', image: 'pricing', ports: [['http', 8080], ['metrics', 9090]] },
  { name: 'admin', tier: 'web', image: 'admin', ports: [['http', 8080]] },
  { name: 'graphql', tier: 'web', image: 'graphql', ports: [['http', 4000], ['metrics', 9090]] },
  { name: 'webhooks', tier: 'api', image: 'webhooks', ports: [['https', 8443], ['metrics', 9090]] },
  { name: 'ml-serving', tier: 'api', image: 'triton', ports: [['http', 8000], ['grpc', 8001], ['metrics', 8002]] },
  { name: 'sync', tier: 'worker', image: 'sync', ports: [] },
];

const STORES: AppKind[] = [
  { name: 'redis', tier: 'data', image: 'redis', ports: [['redis', 6379]] },
  { name: 'postgres', tier: 'data', image: 'postgres', ports: [['postgres', 5432], ['metrics', 9187]] },
  { name: 'kafka', tier: 'data', image: 'kafka', ports: [['kafka', 9092], ['controller', 9093], ['metrics', 9308]] },
  { name: 'rabbitmq', tier: 'data', image: 'rabbitmq', ports: [['amqp', 5672], ['management', 15672], ['metrics', 15692]] },
  { name: 'elasticsearch', tier: 'data', image: 'elasticsearch', ports: [['http', 9200], ['transport', 9300]] },
  { name: 'mongodb', tier: 'data', image: 'mongo', ports: [['mongodb', 27017]] },
  { name: 'zookeeper', tier: 'data', image: 'zookeeper', ports: [['client', 2181], ['peer', 2888], ['election', 3888]] },
  { name: 'minio', tier: 'data', image: 'minio', ports: [['api', 9000], ['console', 9001]] },
];

const JOBS: AppKind[] = [
  'nightly-report', 'cleanup', 'backup', 'sync-users', 'reindex', 'rotate-keys', 'export', 'digest-mailer',
].map(name => ({ name, tier: 'job' as Tier, image: name, ports: [] }));

const HASH_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const HEX = '0123456789abcdef';
const ROOT_CA = `-----BEGIN CERTIFICATE-----\n${'MIIDBTCCAe2gAwIBAgIIQ2x1c3RlckNBMA0GCSqGSIb3DQEBCwUAMBUxEzARBgNV\n'.repeat(16)}-----END CERTIFICATE-----\n`;

/** Mid-2025, minus up to 90 days: plausible ages, no clock involved. */
const TIME_BASE_MS = Date.UTC(2025, 5, 1);

// ---------------------------------------------------------------------------
// Shared building blocks

interface Ctx {
  rng: Rng;
  cluster: string;
  rv: number;
  podIpCounter: number;
  objects: K8sObject[];
  stats: GeneratedCluster['stats'];
}

function timestamp(rng: Rng, maxAgeDays = 90): string {
  const ms = TIME_BASE_MS - rng.int(maxAgeDays * 86400) * 1000;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function nextRv(ctx: Ctx): string {
  ctx.rv += 1 + ctx.rng.int(7);
  return String(ctx.rv);
}

/**
 * managedFields-style FieldsV1 for an object: `f:<key>` per field,
 * `k:{"name":...}` for named list items, as the API server records them.
 */
function fieldsOf(value: unknown, depth = 0): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || depth > 6) return {};
  const out: Record<string, unknown> = {};
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item && typeof item === 'object' && !Array.isArray(item)) {
        const keyField = ['name', 'ip', 'containerPort', 'type', 'key', 'uid'].find(k => (item as any)[k] !== undefined);
        if (keyField) {
          out[`k:{"${keyField}":${JSON.stringify((item as any)[keyField])}}`] = { '.': {}, ...fieldsOf(item, depth + 1) };
          continue;
        }
      }
      out[`v:${JSON.stringify(item)}`] = {};
    }
    return out;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[`f:${k}`] = v && typeof v === 'object' ? { ...(Array.isArray(v) ? {} : { '.': {} }), ...fieldsOf(v, depth + 1) } : {};
  }
  return out;
}

function managedEntry(manager: string, time: string, apiVersion: string, fields: Record<string, unknown>, subresource?: string) {
  return {
    manager,
    operation: 'Update',
    apiVersion,
    time,
    fieldsType: 'FieldsV1',
    fieldsV1: fields,
    ...(subresource ? { subresource } : {}),
  };
}

function push(ctx: Ctx, obj: K8sObject) {
  ctx.objects.push(obj);
  ctx.stats.objectsByKind[obj.kind] = (ctx.stats.objectsByKind[obj.kind] ?? 0) + 1;
}

// ---------------------------------------------------------------------------
// Namespaces

interface WorkloadPlan {
  kind: 'Deployment' | 'StatefulSet' | 'CronJob' | 'Pod' | 'DaemonSet';
  name: string;
  app: AppKind;
  /** Pods it runs (for CronJob: pods of its retained Jobs). */
  pods: number;
}

interface NamespacePlan {
  name: string;
  team?: string;
  env?: string;
  system: boolean;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  podBudget: number;
  workloads: WorkloadPlan[];
  hasPolicies: boolean;
  egressDeny: boolean;
}

function namespaceObject(ctx: Ctx, ns: NamespacePlan): K8sObject {
  const time = timestamp(ctx.rng, 400);
  const labels = { 'kubernetes.io/metadata.name': ns.name, ...ns.labels };
  const metadata: K8sObject = {
    name: ns.name,
    uid: ctx.rng.uuid(),
    resourceVersion: nextRv(ctx),
    creationTimestamp: time,
    labels,
  };
  if (Object.keys(ns.annotations).length) metadata.annotations = ns.annotations;
  metadata.managedFields = [managedEntry('kubectl-create', time, 'v1', { 'f:metadata': { 'f:labels': fieldsOf(labels) } })];
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata,
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

function rootCaConfigMap(ctx: Ctx, namespace: string): K8sObject {
  const time = timestamp(ctx.rng, 400);
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'kube-root-ca.crt',
      namespace,
      uid: ctx.rng.uuid(),
      resourceVersion: nextRv(ctx),
      creationTimestamp: time,
      annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' },
      managedFields: [managedEntry('kube-controller-manager', time, 'v1', { 'f:data': { '.': {}, 'f:ca.crt': {} } })],
    },
    data: { 'ca.crt': ROOT_CA },
  };
}

// ---------------------------------------------------------------------------
// Pods and controllers

interface Node {
  name: string;
  ip: string;
}

interface PodTemplate {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: K8sObject;
  /** FieldsV1 of the controller-managed part, shared by the template's pods. */
  fields: Record<string, unknown>;
  imageIds: string[];
}

function containerFor(rng: Rng, app: AppKind, env: string, tag: string, sidecar: boolean): K8sObject[] {
  const ports = app.ports.map(([name, containerPort, protocol]) => ({ name, containerPort, protocol: protocol ?? 'TCP' }));
  const probePort = ports.find(p => p.name === 'http' || p.name === 'metrics')?.name;
  const main: K8sObject = {
    name: app.name,
    image: `registry.example.com/${app.image}:${tag}`,
    ...(ports.length ? { ports } : {}),
    env: [
      { name: 'APP_ENV', value: env },
      { name: 'LOG_LEVEL', value: rng.pick(['info', 'info', 'warn', 'debug']) },
      { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } },
      { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://otel-collector.monitoring.svc:4317' },
    ],
    resources: {
      limits: { cpu: rng.pick(['500m', '1', '2']), memory: rng.pick(['256Mi', '512Mi', '1Gi', '2Gi']) },
      requests: { cpu: rng.pick(['50m', '100m', '250m']), memory: rng.pick(['128Mi', '256Mi', '512Mi']) },
    },
    ...(probePort
      ? {
          livenessProbe: { httpGet: { path: '/healthz', port: probePort, scheme: 'HTTP' }, initialDelaySeconds: 10, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
          readinessProbe: { httpGet: { path: '/ready', port: probePort, scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 5, successThreshold: 1, failureThreshold: 3 },
        }
      : {}),
    volumeMounts: [{ name: 'kube-api-access', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }],
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
  };
  if (!sidecar) return [main];
  return [
    main,
    {
      name: 'log-shipper',
      image: 'registry.example.com/fluent-bit:3.1.4',
      ports: [{ name: 'fb-metrics', containerPort: 2020, protocol: 'TCP' }],
      resources: { limits: { memory: '128Mi' }, requests: { cpu: '10m', memory: '32Mi' } },
      volumeMounts: [{ name: 'kube-api-access', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }],
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      imagePullPolicy: 'IfNotPresent',
    },
  ];
}

function podTemplate(
  ctx: Ctx,
  app: AppKind,
  name: string,
  ns: NamespacePlan,
  options: { restartPolicy?: string; hostNetwork?: boolean; extraLabels?: Record<string, string>; tag?: string } = {},
): PodTemplate {
  const { rng } = ctx;
  const tag = options.tag ?? `${rng.range(1, 4)}.${rng.range(0, 30)}.${rng.range(0, 9)}`;
  const labels: Record<string, string> = {
    app: name,
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/instance': `${name}-${ns.env ?? 'system'}`,
    'app.kubernetes.io/component': app.tier,
    ...(ns.team ? { 'backstage.io/kubernetes-id': `${ns.team}-${name}`, team: ns.team } : {}),
    ...(options.extraLabels ?? {}),
  };
  const annotations: Record<string, string> = {};
  if (app.ports.some(p => p[0] === 'metrics')) {
    annotations['prometheus.io/scrape'] = 'true';
    annotations['prometheus.io/port'] = String(app.ports.find(p => p[0] === 'metrics')![1]);
  }
  if (rng.chance(0.3)) annotations['kubectl.kubernetes.io/restartedAt'] = timestamp(rng, 30);
  const containers = containerFor(rng, app, ns.env ?? 'system', tag, app.tier !== 'job' && rng.chance(0.15));
  const spec: K8sObject = {
    volumes: [
      {
        name: 'kube-api-access',
        projected: {
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
          defaultMode: 420,
        },
      },
    ],
    containers,
    restartPolicy: options.restartPolicy ?? 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: options.hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst',
    serviceAccountName: name,
    serviceAccount: name,
    ...(options.hostNetwork ? { hostNetwork: true } : {}),
    securityContext: { runAsUser: 1000, fsGroup: 2000, seccompProfile: { type: 'RuntimeDefault' } },
    schedulerName: 'default-scheduler',
    tolerations: [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ],
    priority: 0,
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
  };
  return {
    labels,
    annotations,
    spec,
    fields: { 'f:metadata': { 'f:labels': fieldsOf(labels), 'f:annotations': fieldsOf(annotations) }, 'f:spec': fieldsOf(spec) },
    imageIds: containers.map(c => `${String(c.image).split(':')[0]}@sha256:${rng.chars(64, HEX)}`),
  };
}

function makePod(
  ctx: Ctx,
  ns: NamespacePlan,
  name: string,
  template: PodTemplate,
  node: Node,
  owner: { kind: string; name: string; uid: string; apiVersion: string } | undefined,
  extraLabels: Record<string, string>,
  phase: 'Running' | 'Succeeded' | 'Pending',
  generateName?: string,
): K8sObject {
  const { rng } = ctx;
  const created = timestamp(rng, 30);
  const hostNetwork = !!template.spec.hostNetwork;
  let podIp: string | undefined;
  if (phase !== 'Pending') {
    if (hostNetwork) podIp = node.ip;
    else {
      const k = ++ctx.podIpCounter;
      podIp = `10.${64 + ((k >> 16) & 63)}.${(k >> 8) & 255}.${k & 255}`;
    }
  }
  const labels = { ...template.labels, ...extraLabels };
  const metadata: K8sObject = {
    name,
    ...(generateName ? { generateName } : {}),
    namespace: ns.name,
    uid: rng.uuid(),
    resourceVersion: nextRv(ctx),
    creationTimestamp: created,
    labels,
    ...(Object.keys(template.annotations).length ? { annotations: template.annotations } : {}),
  };
  if (owner) {
    metadata.ownerReferences = [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid, controller: true, blockOwnerDeletion: true }];
  }
  const startedAt = created;
  const containers: K8sObject[] = template.spec.containers;
  const statusFields: Record<string, unknown> = {
    'f:status': {
      'f:conditions': { 'k:{"type":"ContainersReady"}': {}, 'k:{"type":"Initialized"}': {}, 'k:{"type":"PodReadyToStartContainers"}': {}, 'k:{"type":"Ready"}': {} },
      'f:containerStatuses': {},
      'f:hostIP': {},
      'f:hostIPs': {},
      'f:phase': {},
      ...(podIp ? { 'f:podIP': {}, 'f:podIPs': { '.': {}, [`k:{"ip":"${podIp}"}`]: { '.': {}, 'f:ip': {} } } } : {}),
      'f:startTime': {},
    },
  };
  metadata.managedFields = [
    managedEntry(owner ? 'kube-controller-manager' : 'kubectl-run', created, 'v1', template.fields),
    ...(phase === 'Pending' ? [] : [managedEntry('kubelet', created, 'v1', statusFields, 'status')]),
  ];
  const ready = phase === 'Running' ? 'True' : 'False';
  const condition = (type: string, status: string) => ({ type, status, lastProbeTime: null, lastTransitionTime: created });
  const status: K8sObject =
    phase === 'Pending'
      ? {
          phase,
          conditions: [{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: created, reason: 'Unschedulable', message: '0/42 nodes are available: 42 Insufficient cpu. preemption: 0/42 nodes are available: 42 No preemption victims found for incoming pod.' }],
          qosClass: 'Burstable',
        }
      : {
          phase,
          conditions: [
            condition('PodReadyToStartContainers', phase === 'Running' ? 'True' : 'False'),
            condition('Initialized', 'True'),
            condition('Ready', ready),
            condition('ContainersReady', ready),
            condition('PodScheduled', 'True'),
          ],
          hostIP: node.ip,
          hostIPs: [{ ip: node.ip }],
          podIP: podIp,
          podIPs: [{ ip: podIp }],
          startTime: startedAt,
          containerStatuses: containers.map((c, i) => ({
            name: c.name,
            state:
              phase === 'Running'
                ? { running: { startedAt } }
                : { terminated: { exitCode: 0, reason: 'Completed', startedAt, finishedAt: startedAt, containerID: `containerd://${rng.chars(64, HEX)}` } },
            lastState: {},
            ready: phase === 'Running',
            restartCount: rng.chance(0.9) ? 0 : rng.range(1, 12),
            image: c.image,
            imageID: template.imageIds[i],
            containerID: `containerd://${rng.chars(64, HEX)}`,
            started: phase === 'Running',
          })),
          qosClass: 'Burstable',
        };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata,
    spec: phase === 'Pending' ? template.spec : { ...template.spec, nodeName: node.name },
    status,
  };
}

function controllerMeta(
  ctx: Ctx,
  ns: NamespacePlan,
  name: string,
  labels: Record<string, string>,
  annotations: Record<string, string>,
  owner?: { kind: string; name: string; uid: string; apiVersion: string },
  generation = 1,
): K8sObject {
  const { rng } = ctx;
  const time = timestamp(rng, 200);
  const meta: K8sObject = {
    name,
    namespace: ns.name,
    uid: rng.uuid(),
    resourceVersion: nextRv(ctx),
    generation,
    creationTimestamp: time,
    labels,
    annotations,
  };
  if (owner) {
    meta.ownerReferences = [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid, controller: true, blockOwnerDeletion: true }];
  }
  meta.managedFields = [
    managedEntry(owner ? 'kube-controller-manager' : 'helm', time, 'apps/v1', { 'f:metadata': { 'f:labels': fieldsOf(labels), 'f:annotations': fieldsOf(annotations) } }),
    managedEntry('kube-controller-manager', time, 'apps/v1', { 'f:status': { 'f:replicas': {}, 'f:observedGeneration': {} } }, 'status'),
  ];
  return meta;
}

function helmLabels(name: string, ns: NamespacePlan): Record<string, string> {
  return {
    app: name,
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/instance': `${name}-${ns.env ?? 'system'}`,
    'app.kubernetes.io/managed-by': 'Helm',
    'helm.sh/chart': `${name}-${(name.length % 5) + 1}.2.0`,
    ...(ns.team ? { team: ns.team } : {}),
  };
}

function helmAnnotations(name: string, ns: NamespacePlan): Record<string, string> {
  return { 'meta.helm.sh/release-name': name, 'meta.helm.sh/release-namespace': ns.name };
}

function selectorOf(template: PodTemplate) {
  return {
    matchLabels: {
      'app.kubernetes.io/name': template.labels['app.kubernetes.io/name'],
      'app.kubernetes.io/instance': template.labels['app.kubernetes.io/instance'],
    },
  };
}

class NodePicker {
  private next = 0;
  constructor(private readonly nodes: Node[], private readonly rng: Rng) {}
  pick(): Node {
    // Mostly round-robin with jitter: pods spread over nodes like a scheduler's.
    this.next = (this.next + 1 + this.rng.int(3)) % this.nodes.length;
    return this.nodes[this.next];
  }
}

function emitDeployment(ctx: Ctx, ns: NamespacePlan, w: WorkloadPlan, nodes: NodePicker) {
  const { rng } = ctx;
  const template = podTemplate(ctx, w.app, w.name, ns);
  const labels = helmLabels(w.name, ns);
  const revision = rng.range(1, 12);
  const depMeta = controllerMeta(ctx, ns, w.name, labels, { 'deployment.kubernetes.io/revision': String(revision), ...helmAnnotations(w.name, ns) }, undefined, revision);
  const selector = selectorOf(template);
  push(ctx, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: depMeta,
    spec: {
      replicas: w.pods,
      selector,
      template: { metadata: { labels: template.labels, annotations: template.annotations }, spec: template.spec },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {
      observedGeneration: revision,
      replicas: w.pods,
      updatedReplicas: w.pods,
      readyReplicas: w.pods,
      availableReplicas: w.pods,
      conditions: [
        { type: 'Available', status: 'True', lastUpdateTime: depMeta.creationTimestamp, lastTransitionTime: depMeta.creationTimestamp, reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
        { type: 'Progressing', status: 'True', lastUpdateTime: depMeta.creationTimestamp, lastTransitionTime: depMeta.creationTimestamp, reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${w.name}-xxxxxxxxxx" has successfully progressed.` },
      ],
    },
  });
  const depOwner = { apiVersion: 'apps/v1', kind: 'Deployment', name: w.name, uid: depMeta.uid };
  // Old ReplicaSets scaled to zero (revision history), then the current one.
  const oldSets = rng.int(4);
  for (let i = 0; i <= oldSets; i++) {
    const current = i === oldSets;
    const hash = rng.chars(10, HASH_ALPHABET);
    const rsName = `${w.name}-${hash}`;
    const rsLabels = { ...template.labels, 'pod-template-hash': hash };
    const replicas = current ? w.pods : 0;
    const rsMeta = controllerMeta(ctx, ns, rsName, rsLabels, {
      'deployment.kubernetes.io/desired-replicas': String(w.pods),
      'deployment.kubernetes.io/max-replicas': String(w.pods + Math.ceil(w.pods / 4)),
      'deployment.kubernetes.io/revision': String(revision - oldSets + i),
      ...helmAnnotations(w.name, ns),
    }, depOwner);
    push(ctx, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: rsMeta,
      spec: {
        replicas,
        selector: { matchLabels: { ...selector.matchLabels, 'pod-template-hash': hash } },
        template: { metadata: { labels: rsLabels, annotations: template.annotations }, spec: template.spec },
      },
      status: { replicas, fullyLabeledReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas, observedGeneration: 1 },
    });
    if (!current) continue;
    const rsOwner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rsName, uid: rsMeta.uid };
    for (let p = 0; p < w.pods; p++) {
      const phase = rng.chance(0.01) ? 'Pending' : 'Running';
      push(ctx, makePod(ctx, ns, `${rsName}-${rng.chars(5, HASH_ALPHABET)}`, template, nodes.pick(), rsOwner, { 'pod-template-hash': hash }, phase, `${rsName}-`));
    }
  }
}

function emitStatefulSet(ctx: Ctx, ns: NamespacePlan, w: WorkloadPlan, nodes: NodePicker) {
  const { rng } = ctx;
  const template = podTemplate(ctx, w.app, w.name, ns);
  const labels = helmLabels(w.name, ns);
  const meta = controllerMeta(ctx, ns, w.name, labels, helmAnnotations(w.name, ns));
  const revisionHash = `${w.name}-${rng.chars(10, HASH_ALPHABET)}`;
  push(ctx, {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta,
    spec: {
      replicas: w.pods,
      selector: selectorOf(template),
      template: { metadata: { labels: template.labels, annotations: template.annotations }, spec: template.spec },
      volumeClaimTemplates: [
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: rng.pick(['8Gi', '20Gi', '100Gi']) } }, storageClassName: 'gp3', volumeMode: 'Filesystem' },
          status: { phase: 'Pending' },
        },
      ],
      serviceName: `${w.name}-headless`,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    },
    status: { observedGeneration: 1, replicas: w.pods, readyReplicas: w.pods, currentReplicas: w.pods, updatedReplicas: w.pods, currentRevision: revisionHash, updateRevision: revisionHash, collisionCount: 0, availableReplicas: w.pods },
  });
  const owner = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: w.name, uid: meta.uid };
  for (let i = 0; i < w.pods; i++) {
    const podName = `${w.name}-${i}`;
    push(ctx, makePod(ctx, ns, podName, template, nodes.pick(), owner, {
      'controller-revision-hash': revisionHash,
      'statefulset.kubernetes.io/pod-name': podName,
      'apps.kubernetes.io/pod-index': String(i),
    }, 'Running', `${w.name}-`));
  }
}

function emitCronJob(ctx: Ctx, ns: NamespacePlan, w: WorkloadPlan, nodes: NodePicker) {
  const { rng } = ctx;
  const template = podTemplate(ctx, w.app, w.name, ns, { restartPolicy: 'OnFailure' });
  const labels = helmLabels(w.name, ns);
  const meta = controllerMeta(ctx, ns, w.name, labels, helmAnnotations(w.name, ns));
  push(ctx, {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta,
    spec: {
      schedule: `${rng.int(60)} ${rng.int(24)} * * *`,
      concurrencyPolicy: 'Forbid',
      suspend: false,
      jobTemplate: {
        metadata: { creationTimestamp: null },
        spec: { backoffLimit: 3, template: { metadata: { labels: template.labels }, spec: template.spec } },
      },
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
    },
    status: { lastScheduleTime: timestamp(rng, 1), lastSuccessfulTime: timestamp(rng, 1) },
  });
  const owner = { apiVersion: 'batch/v1', kind: 'CronJob', name: w.name, uid: meta.uid };
  for (let j = 0; j < w.pods; j++) {
    const jobName = `${w.name}-${29100000 + rng.int(900000)}`;
    const jobMeta = controllerMeta(ctx, ns, jobName, { ...template.labels, 'batch.kubernetes.io/job-name': jobName }, {}, owner);
    push(ctx, {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: jobMeta,
      spec: {
        parallelism: 1,
        completions: 1,
        backoffLimit: 3,
        completionMode: 'NonIndexed',
        suspend: false,
        selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': jobMeta.uid } },
        template: { metadata: { labels: { ...template.labels, 'batch.kubernetes.io/job-name': jobName } }, spec: template.spec },
      },
      status: { startTime: jobMeta.creationTimestamp, completionTime: jobMeta.creationTimestamp, succeeded: 1, conditions: [{ type: 'Complete', status: 'True', lastProbeTime: jobMeta.creationTimestamp, lastTransitionTime: jobMeta.creationTimestamp }] },
    });
    const jobOwner = { apiVersion: 'batch/v1', kind: 'Job', name: jobName, uid: jobMeta.uid };
    push(ctx, makePod(ctx, ns, `${jobName}-${rng.chars(5, HASH_ALPHABET)}`, template, nodes.pick(), jobOwner, {
      'batch.kubernetes.io/controller-uid': jobMeta.uid,
      'batch.kubernetes.io/job-name': jobName,
      'job-name': jobName,
    }, 'Succeeded', `${jobName}-`));
  }
}

function emitBarePod(ctx: Ctx, ns: NamespacePlan, w: WorkloadPlan, nodes: NodePicker) {
  const template = podTemplate(ctx, w.app, w.name, ns, { extraLabels: { run: w.name } });
  push(ctx, makePod(ctx, ns, w.name, template, nodes.pick(), undefined, {}, 'Running'));
}

function emitDaemonSet(ctx: Ctx, ns: NamespacePlan, w: WorkloadPlan, nodeList: Node[], extraEnv: K8sObject[]) {
  const { rng } = ctx;
  const template = podTemplate(ctx, w.app, w.name, ns, { hostNetwork: true, extraLabels: { 'k8s-app': w.name } });
  template.spec.containers[0].env = [...template.spec.containers[0].env, ...extraEnv];
  template.spec.tolerations = [{ operator: 'Exists' }];
  template.spec.priorityClassName = 'system-node-critical';
  const labels = { 'k8s-app': w.name, ...helmLabels(w.name, ns) };
  const meta = controllerMeta(ctx, ns, w.name, labels, { 'deprecated.daemonset.template.generation': '1' });
  const revisionHash = rng.chars(10, HASH_ALPHABET);
  push(ctx, {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: meta,
    spec: {
      selector: { matchLabels: { 'k8s-app': w.name } },
      template: { metadata: { labels: template.labels, annotations: template.annotations }, spec: template.spec },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    },
    status: { currentNumberScheduled: nodeList.length, numberMisscheduled: 0, desiredNumberScheduled: nodeList.length, numberReady: nodeList.length, observedGeneration: 1, updatedNumberScheduled: nodeList.length, numberAvailable: nodeList.length },
  });
  const owner = { apiVersion: 'apps/v1', kind: 'DaemonSet', name: w.name, uid: meta.uid };
  for (const node of nodeList) {
    push(ctx, makePod(ctx, ns, `${w.name}-${rng.chars(5, HASH_ALPHABET)}`, template, node, owner, {
      'controller-revision-hash': revisionHash,
      'pod-template-generation': '1',
    }, 'Running', `${w.name}-`));
  }
}

// ---------------------------------------------------------------------------
// Policies

interface PolicySpec {
  name: string;
  spec: K8sObject;
  permissive?: boolean;
}

const DNS_PEER = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
};

function basePolicies(ns: NamespacePlan, rng: Rng): PolicySpec[] {
  const out: PolicySpec[] = [];
  if (ns.egressDeny) {
    out.push({ name: 'default-deny-all', spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } });
    out.push({
      name: 'allow-dns-egress',
      spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [DNS_PEER], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }] },
    });
  } else {
    out.push({ name: 'default-deny-ingress', spec: { podSelector: {}, policyTypes: ['Ingress'] } });
  }
  if (ns.workloads.some(w => w.app.tier === 'web')) {
    out.push({
      name: 'allow-from-ingress-controller',
      spec: {
        podSelector: { matchLabels: { 'app.kubernetes.io/component': 'web' } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [
              {
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
                podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
              },
            ],
            ports: [{ protocol: 'TCP', port: 'http' }],
          },
        ],
      },
    });
  }
  if (rng.chance(0.6)) {
    out.push({
      name: 'allow-prometheus-scrape',
      spec: {
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [
              {
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
                podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } },
              },
            ],
            ports: [{ protocol: 'TCP', port: 'metrics' }],
          },
        ],
      },
    });
  }
  if (ns.egressDeny && rng.chance(0.4)) {
    out.push({
      name: 'allow-same-namespace',
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ podSelector: {} }] }], egress: [{ to: [{ podSelector: {} }] }] },
    });
  }
  return out;
}

function firstPort(w: WorkloadPlan): [string, number, string?] | undefined {
  return w.app.ports.find(p => p[0] !== 'metrics') ?? w.app.ports[0];
}

function extraPolicy(ns: NamespacePlan, teams: string[], rng: Rng): PolicySpec | undefined {
  const servers = ns.workloads.filter(w => w.app.ports.length > 0 && w.kind !== 'DaemonSet');
  const dst = servers.length ? rng.pick(servers) : undefined;
  const src = ns.workloads.length ? rng.pick(ns.workloads) : undefined;
  const otherTeam = rng.pick(teams);
  const r = rng.next();
  if (!dst || !src) return undefined;
  const port = firstPort(dst)!;
  if (r < 0.3) {
    return {
      name: `allow-${src.name}-to-${dst.name}`,
      spec: {
        podSelector: { matchLabels: { app: dst.name } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { app: src.name } } }], ports: [{ protocol: port[2] ?? 'TCP', port: port[1] }] }],
      },
    };
  }
  if (r < 0.4) {
    return {
      name: `allow-${src.name}-egress-${dst.name}`,
      spec: {
        podSelector: { matchLabels: { app: src.name } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ podSelector: { matchLabels: { app: dst.name } } }], ports: [{ protocol: 'TCP', port: port[0] }] }],
      },
    };
  }
  if (r < 0.55) {
    return {
      name: `allow-${dst.name}-from-${otherTeam}`,
      spec: {
        podSelector: { matchLabels: { app: dst.name } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [{ namespaceSelector: { matchLabels: { team: otherTeam, env: ns.env ?? 'prod' } }, podSelector: { matchLabels: { 'app.kubernetes.io/component': 'api' } } }],
            ports: [{ protocol: 'TCP', port: port[0] }],
          },
        ],
      },
    };
  }
  if (r < 0.62) {
    return {
      name: `allow-${dst.name}-from-prod-and-staging`,
      spec: {
        podSelector: { matchLabels: { app: dst.name } },
        ingress: [
          {
            from: [{ namespaceSelector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'staging'] }, { key: 'team', operator: 'Exists' }] } }],
            ports: [{ protocol: 'TCP', port: port[1] }],
          },
        ],
      },
    };
  }
  if (r < 0.7) {
    const target = rng.pick(STORES);
    return {
      name: `allow-${src.name}-to-${otherTeam}-${target.name}`,
      spec: {
        podSelector: { matchLabels: { app: src.name } },
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ namespaceSelector: { matchLabels: { team: otherTeam } }, podSelector: { matchLabels: { app: target.name } } }],
            ports: [{ protocol: 'TCP', port: target.ports[0][1] }],
          },
        ],
      },
    };
  }
  if (r < 0.76) {
    return {
      name: `allow-${src.name}-egress-db-subnet`,
      spec: {
        podSelector: { matchLabels: { app: src.name } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '10.200.0.0/16' } }], ports: [{ protocol: 'TCP', port: 5432 }, { protocol: 'TCP', port: 6379 }] }],
      },
    };
  }
  if (r < 0.8) {
    return {
      name: `allow-${dst.name}-from-partners`,
      spec: {
        podSelector: { matchLabels: { app: dst.name } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [{ ipBlock: { cidr: '203.0.113.0/24' } }, { ipBlock: { cidr: '198.51.100.0/24', except: ['198.51.100.128/25'] } }],
            ports: [{ protocol: 'TCP', port: 8000, endPort: 8100 }],
          },
        ],
      },
    };
  }
  if (r < 0.88) {
    return {
      name: `allow-${dst.name}-non-batch`,
      spec: {
        podSelector: { matchExpressions: [{ key: 'app.kubernetes.io/component', operator: 'NotIn', values: ['job', 'worker'] }, { key: 'app', operator: 'In', values: [dst.name, src.name] }] },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'team', operator: 'Exists' }] }, namespaceSelector: { matchLabels: { team: ns.team ?? otherTeam } } }] }],
      },
    };
  }
  // Permissive: what NETPOL-006 is about.
  const kind = rng.int(5);
  if (kind === 0) {
    return { name: `allow-all-ingress-${dst.name}`, permissive: true, spec: { podSelector: { matchLabels: { app: dst.name } }, policyTypes: ['Ingress'], ingress: [{}] } };
  }
  if (kind === 1) {
    return {
      name: 'allow-internet-egress',
      permissive: true,
      spec: {
        podSelector: { matchLabels: { app: src.name } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } }], ports: [{ protocol: 'TCP', port: 443 }] }],
      },
    };
  }
  if (kind === 2) {
    return { name: 'allow-all-egress', permissive: true, spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{}] } };
  }
  if (kind === 3) {
    return {
      name: `allow-${dst.name}-from-all-namespaces`,
      permissive: true,
      spec: { podSelector: { matchLabels: { app: dst.name } }, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: {} }] }] },
    };
  }
  return {
    name: `allow-${dst.name}-any-source`,
    permissive: true,
    spec: { podSelector: { matchLabels: { app: dst.name } }, ingress: [{ ports: [{ protocol: 'TCP', port: port[1] }] }] },
  };
}

function policyObject(ctx: Ctx, namespace: string, p: PolicySpec): K8sObject {
  const { rng } = ctx;
  const time = timestamp(rng, 300);
  const metadata: K8sObject = {
    name: p.name,
    namespace,
    uid: rng.uuid(),
    resourceVersion: nextRv(ctx),
    generation: rng.range(1, 3),
    creationTimestamp: time,
  };
  const viaHelm = rng.chance(0.5);
  if (viaHelm) {
    metadata.labels = { 'app.kubernetes.io/managed-by': 'Helm' };
    metadata.annotations = { 'meta.helm.sh/release-name': `${namespace}-policies`, 'meta.helm.sh/release-namespace': namespace };
  } else if (rng.chance(0.6)) {
    // kubectl apply keeps the whole object in an annotation.
    metadata.annotations = {
      'kubectl.kubernetes.io/last-applied-configuration': `${JSON.stringify({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { annotations: {}, name: p.name, namespace },
        spec: p.spec,
      })}\n`,
    };
  }
  metadata.managedFields = [managedEntry(viaHelm ? 'helm' : 'kubectl-client-side-apply', time, 'networking.k8s.io/v1', { 'f:spec': fieldsOf(p.spec) })];
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata, spec: p.spec };
}

// ---------------------------------------------------------------------------
// Planning

function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
  taken.add(name);
  return name;
}

function planWorkloads(rng: Rng, budget: number): WorkloadPlan[] {
  const out: WorkloadPlan[] = [];
  const taken = new Set<string>();
  let left = budget;
  while (left > 0) {
    const r = rng.next();
    if (r < 0.72) {
      const replicas = Math.min(left, rng.pick([1, 1, 2, 2, 2, 3, 3, 3, 4, 5, 6, 8, 10, 12]));
      const app = rng.pick(APPS);
      out.push({ kind: 'Deployment', name: uniqueName(app.name, taken), app, pods: replicas });
      left -= replicas;
    } else if (r < 0.84) {
      const replicas = Math.min(left, rng.pick([1, 1, 2, 3, 3, 5]));
      const app = rng.pick(STORES);
      out.push({ kind: 'StatefulSet', name: uniqueName(app.name, taken), app, pods: replicas });
      left -= replicas;
    } else if (r < 0.96) {
      const runs = Math.min(left, rng.range(1, 3));
      const app = rng.pick(JOBS);
      out.push({ kind: 'CronJob', name: uniqueName(app.name, taken), app, pods: runs });
      left -= runs;
    } else {
      const app = rng.pick(APPS);
      out.push({ kind: 'Pod', name: uniqueName(`${app.name}-debug-${rng.chars(5, HASH_ALPHABET)}`, taken), app, pods: 1 });
      left -= 1;
    }
  }
  return out;
}

function teamName(i: number): string {
  const word = TEAM_WORDS[i % TEAM_WORDS.length];
  return i < TEAM_WORDS.length ? word : `${word}-${Math.floor(i / TEAM_WORDS.length) + 1}`;
}

const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease', 'ingress-nginx', 'monitoring'];

/**
 * Generates a cluster of the given size. `size` is a name (S, M, L) or
 * explicit counts; the counts of namespaces, pods and NetworkPolicies are
 * met exactly.
 */
export function generateCluster(options: {
  size: SizeName | ClusterSize;
  seed?: number;
  name?: string;
}): GeneratedCluster {
  const size = typeof options.size === 'string' ? SIZES[options.size] : options.size;
  if (!size) throw new Error(`Unknown size ${String(options.size)}; use S, M or L`);
  const seed = options.seed ?? DEFAULT_SEED;
  const name = options.name ?? (typeof options.size === 'string' ? `bench-${options.size.toLowerCase()}` : 'bench');
  const rng = new Rng(seed);
  const ctx: Ctx = {
    rng,
    cluster: name,
    rv: 1000,
    podIpCounter: 1,
    objects: [],
    stats: {
      namespaces: 0,
      namespacesWithoutPolicy: 0,
      exemptNamespaces: 0,
      nodes: 0,
      pods: 0,
      policies: 0,
      permissivePolicies: 0,
      workloads: {},
      objectsByKind: {},
    },
  };
  if (size.namespaces < SYSTEM_NAMESPACES.length + 1) throw new Error('need at least 6 namespaces');

  // Nodes: about 40 pods per node.
  const nodeCount = Math.max(3, Math.round(size.pods / 40));
  const nodes: Node[] = Array.from({ length: nodeCount }, (_, i) => ({
    name: `ip-192-168-${(i >> 8) & 255}-${i & 255}.eu-west-1.compute.internal`,
    ip: `192.168.${(i >> 8) & 255}.${i & 255}`,
  }));
  const picker = new NodePicker(nodes, rng.fork());

  // Team namespaces.
  const teamNamespaceCount = size.namespaces - SYSTEM_NAMESPACES.length;
  const teamCount = Math.max(3, Math.round(teamNamespaceCount / 6));
  const teams = Array.from({ length: teamCount }, (_, i) => teamName(i));
  const perTeam = new Map<string, number>();
  const usedNames = new Set<string>(SYSTEM_NAMESPACES);
  const namespaces: NamespacePlan[] = [];
  for (let i = 0; i < teamNamespaceCount; i++) {
    const team = teams[i % teamCount];
    const j = perTeam.get(team) ?? 0;
    perTeam.set(team, j + 1);
    const env = ENVS[j % ENVS.length];
    const areaIndex = Math.floor(j / ENVS.length);
    const area = areaIndex === 0 ? undefined : AREAS[(areaIndex - 1) % AREAS.length] + (areaIndex > AREAS.length ? `${Math.ceil(areaIndex / AREAS.length)}` : '');
    const nsName = uniqueName(area ? `${team}-${area}-${env}` : `${team}-${env}`, usedNames);
    const annotations: Record<string, string> = { 'owner': `${team}@example.com` };
    if (rng.chance(0.01)) {
      annotations['netpol-compliance.io/exempt'] = 'vendor-managed appliance, isolated by the cloud firewall';
      ctx.stats.exemptNamespaces++;
    }
    const hasPolicies = rng.next() >= 0.15;
    namespaces.push({
      name: nsName,
      team,
      env,
      system: false,
      labels: { team, env, 'cost-center': `cc-${1000 + (teams.indexOf(team) % 97)}` },
      annotations,
      podBudget: 0,
      workloads: [],
      hasPolicies,
      egressDeny: hasPolicies && rng.chance(0.5),
    });
  }

  // System workloads, sized with the cluster.
  const sys = (nsName: string, labels: Record<string, string> = {}): NamespacePlan => ({
    name: nsName,
    system: true,
    labels,
    annotations: {},
    podBudget: 0,
    workloads: [],
    hasPolicies: false,
    egressDeny: false,
  });
  const kubeSystem = sys('kube-system');
  const ingressNs = sys('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' });
  const monitoring = sys('monitoring', { 'app.kubernetes.io/part-of': 'monitoring' });
  const systemNamespaces = [kubeSystem, sys('kube-public'), sys('kube-node-lease'), ingressNs, monitoring];

  const appOf = (n: string, tier: Tier, ports: AppKind['ports'], image = n): AppKind => ({ name: n, tier, image, ports });
  const ingressReplicas = Math.max(2, Math.round(nodeCount / 25));
  kubeSystem.workloads.push(
    { kind: 'DaemonSet', name: 'calico-node', app: appOf('calico-node', 'worker', [['calico-metrics', 9091]], 'calico/node'), pods: nodeCount },
    { kind: 'DaemonSet', name: 'kube-proxy', app: appOf('kube-proxy', 'worker', [['metrics', 10249]], 'kube-proxy'), pods: nodeCount },
    { kind: 'Deployment', name: 'coredns', app: appOf('coredns', 'api', [['dns', 53, 'UDP'], ['dns-tcp', 53, 'TCP'], ['metrics', 9153]]), pods: 2 },
    { kind: 'Deployment', name: 'calico-kube-controllers', app: appOf('calico-kube-controllers', 'worker', []), pods: 1 },
    { kind: 'Deployment', name: 'metrics-server', app: appOf('metrics-server', 'api', [['https', 10250]]), pods: 2 },
  );
  ingressNs.workloads.push({ kind: 'Deployment', name: 'ingress-nginx-controller', app: appOf('ingress-nginx', 'web', [['http', 80], ['https', 443], ['metrics', 10254]], 'ingress-nginx/controller'), pods: ingressReplicas });
  monitoring.workloads.push(
    { kind: 'DaemonSet', name: 'node-exporter', app: appOf('node-exporter', 'worker', [['metrics', 9100]]), pods: nodeCount },
    { kind: 'StatefulSet', name: 'prometheus', app: appOf('prometheus', 'data', [['web', 9090]]), pods: 2 },
    { kind: 'Deployment', name: 'grafana', app: appOf('grafana', 'web', [['http', 3000]]), pods: 1 },
    { kind: 'Deployment', name: 'kube-state-metrics', app: appOf('kube-state-metrics', 'api', [['http-metrics', 8080], ['telemetry', 8081]]), pods: 1 },
  );
  const systemPods = systemNamespaces.reduce((sum, ns) => sum + ns.workloads.reduce((s, w) => s + w.pods, 0), 0);
  const teamPods = size.pods - systemPods;
  if (teamPods < 0) throw new Error(`${size.pods} pods is fewer than the system workloads need (${systemPods})`);

  // Team pod budgets: log-normal weights (a few big namespaces, many small).
  const weights = namespaces.map(() => Math.exp(rng.normal() * 0.8));
  const total = weights.reduce((a, b) => a + b, 0);
  let assigned = 0;
  namespaces.forEach((ns, i) => {
    ns.podBudget = Math.floor((teamPods * weights[i]) / total);
    assigned += ns.podBudget;
  });
  for (let i = 0; assigned < teamPods; i = (i + 1) % namespaces.length, assigned++) namespaces[i].podBudget++;
  for (const ns of namespaces) ns.workloads = planWorkloads(rng, ns.podBudget);

  // Policies: system ones, then each policy-holding namespace's base set,
  // then app-level ones spread by workload count, up to the exact total.
  const policies: Array<{ namespace: string; p: PolicySpec }> = [];
  policies.push({
    namespace: 'ingress-nginx',
    p: {
      name: 'allow-web-traffic',
      spec: { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } }, policyTypes: ['Ingress'], ingress: [{ ports: [{ protocol: 'TCP', port: 'http' }, { protocol: 'TCP', port: 'https' }] }] },
    },
  });
  policies.push({ namespace: 'monitoring', p: { name: 'default-deny-ingress', spec: { podSelector: {}, policyTypes: ['Ingress'] } } });
  policies.push({
    namespace: 'monitoring',
    p: {
      name: 'allow-grafana-from-ingress',
      spec: {
        podSelector: { matchLabels: { app: 'grafana' } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ protocol: 'TCP', port: 'http' }] }],
      },
    },
  });
  const holders = namespaces.filter(ns => ns.hasPolicies);
  const namesByNs = new Map<string, Set<string>>();
  const addPolicy = (ns: NamespacePlan | string, p: PolicySpec) => {
    const nsName = typeof ns === 'string' ? ns : ns.name;
    let taken = namesByNs.get(nsName);
    if (!taken) namesByNs.set(nsName, (taken = new Set()));
    policies.push({ namespace: nsName, p: { ...p, name: uniqueName(p.name, taken) } });
  };
  for (const ns of holders) {
    for (const p of basePolicies(ns, rng)) {
      if (policies.length >= size.policies) break;
      addPolicy(ns, p);
    }
  }
  const cumulative: number[] = [];
  let acc = 0;
  for (const ns of holders) cumulative.push((acc += ns.workloads.length + 1));
  for (let attempts = 0; policies.length < size.policies && holders.length > 0 && attempts < size.policies * 100; attempts++) {
    const x = rng.next() * acc;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    const ns = holders[lo];
    const p = extraPolicy(ns, teams, rng);
    if (p) addPolicy(ns, p);
  }
  policies.length = Math.min(policies.length, size.policies);
  const withPolicy = new Set(policies.map(p => p.namespace));

  // Emit objects: namespaces, their workloads, policies and ConfigMaps.
  const allNamespaces = [...systemNamespaces, ...namespaces];
  for (const ns of allNamespaces) {
    push(ctx, namespaceObject(ctx, ns));
    push(ctx, rootCaConfigMap(ctx, ns.name));
    if (!withPolicy.has(ns.name)) ctx.stats.namespacesWithoutPolicy++;
  }
  for (const ns of allNamespaces) {
    for (const w of ns.workloads) {
      ctx.stats.workloads[w.kind] = (ctx.stats.workloads[w.kind] ?? 0) + 1;
      if (w.kind === 'Deployment') emitDeployment(ctx, ns, w, picker);
      else if (w.kind === 'StatefulSet') emitStatefulSet(ctx, ns, w, picker);
      else if (w.kind === 'CronJob') emitCronJob(ctx, ns, w, picker);
      else if (w.kind === 'Pod') emitBarePod(ctx, ns, w, picker);
      else {
        const env =
          w.name === 'calico-node'
            ? [
                { name: 'CALICO_NETWORKING_BACKEND', value: 'bird' },
                { name: 'FELIX_DEFAULTENDPOINTTOHOSTACTION', value: 'ACCEPT' },
                { name: 'CALICO_IPV4POOL_CIDR', value: '10.64.0.0/10' },
              ]
            : [];
        emitDaemonSet(ctx, ns, w, nodes, env);
      }
    }
  }
  for (const { namespace, p } of policies) {
    push(ctx, policyObject(ctx, namespace, p));
    if (p.permissive) ctx.stats.permissivePolicies++;
  }
  for (const [cmName, data] of [
    ['calico-config', { calico_backend: 'bird', veth_mtu: '0', typha_service_name: 'none' }],
    ['coredns', { Corefile: '.:53 {\n    errors\n    health\n    ready\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n       pods insecure\n       fallthrough in-addr.arpa ip6.arpa\n    }\n    prometheus :9153\n    forward . /etc/resolv.conf\n    cache 30\n    loop\n    reload\n    loadbalance\n}\n' }],
    ['kube-proxy', { 'config.conf': 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: iptables\n' }],
  ] as const) {
    push(ctx, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: cmName, namespace: 'kube-system', uid: rng.uuid(), resourceVersion: nextRv(ctx), creationTimestamp: timestamp(rng, 400) },
      data,
    });
  }

  ctx.stats.namespaces = allNamespaces.length;
  ctx.stats.nodes = nodeCount;
  ctx.stats.pods = ctx.stats.objectsByKind.Pod ?? 0;
  ctx.stats.policies = ctx.stats.objectsByKind.NetworkPolicy ?? 0;

  return { name, seed, size, objects: ctx.objects, entities: catalogEntities(namespaces, teams), stats: ctx.stats };
}

/**
 * The catalog: per team a Group, a Component per app it runs (found by
 * `backstage.io/kubernetes-id`, which the pods carry) and a Component
 * mapped to all the team's namespaces by `backstage.io/kubernetes-namespace`.
 */
function catalogEntities(namespaces: NamespacePlan[], teams: string[]): GeneratedEntity[] {
  const entities: GeneratedEntity[] = [];
  const apps = new Map<string, Set<string>>();
  const nsByTeam = new Map<string, string[]>();
  for (const ns of namespaces) {
    if (!ns.team) continue;
    let set = apps.get(ns.team);
    if (!set) apps.set(ns.team, (set = new Set()));
    for (const w of ns.workloads) set.add(w.name);
    let list = nsByTeam.get(ns.team);
    if (!list) nsByTeam.set(ns.team, (list = []));
    list.push(ns.name);
  }
  for (const team of teams) {
    const owner = `group:default/${team}`;
    entities.push({ apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: team, namespace: 'default' }, spec: { type: 'team', children: [] } });
    const relations = [{ type: 'ownedBy', targetRef: owner }];
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `${team}-namespaces`, namespace: 'default', annotations: { 'backstage.io/kubernetes-namespace': (nsByTeam.get(team) ?? []).join(',') } },
      spec: { type: 'service', lifecycle: 'production', owner },
      relations,
    });
    for (const app of [...(apps.get(team) ?? [])].sort()) {
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: `${team}-${app}`, namespace: 'default', annotations: { 'backstage.io/kubernetes-id': `${team}-${app}` } },
        spec: { type: 'service', lifecycle: 'production', owner },
        relations,
      });
    }
  }
  return entities;
}

// ---------------------------------------------------------------------------
// Manifests on disk

/**
 * Writes the cluster as one file per namespace (the Namespace object first,
 * then everything in it), for the CLI and the demo cluster
 * (`netpol-demo-cluster --dir <dir>`). YAML by default; `json` writes each
 * file as a `List`, which both read and which is much faster to load.
 */
export function writeManifests(
  cluster: GeneratedCluster,
  dir: string,
  options: { format?: 'yaml' | 'json' } = {},
): { files: number; bytes: number } {
  const format = options.format ?? 'yaml';
  fs.mkdirSync(dir, { recursive: true });
  const byNamespace = new Map<string, K8sObject[]>();
  for (const obj of cluster.objects) {
    const ns = obj.kind === 'Namespace' ? obj.metadata.name : obj.metadata.namespace ?? 'default';
    let list = byNamespace.get(ns);
    if (!list) byNamespace.set(ns, (list = []));
    if (obj.kind === 'Namespace') list.unshift(obj);
    else list.push(obj);
  }
  // The yaml package is a dependency of the demo cluster; loaded lazily so
  // that generating in memory never needs it.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const YAML = format === 'yaml' ? (require('yaml') as typeof import('yaml')) : undefined;
  let bytes = 0;
  for (const [ns, objects] of byNamespace) {
    const file = path.join(dir, `${ns}.${format}`);
    const fd = fs.openSync(file, 'w');
    try {
      if (YAML) {
        fs.writeSync(fd, `# ${cluster.name} (seed ${cluster.seed}): namespace ${ns}, ${objects.length} objects\n`);
        for (const obj of objects) {
          const text = `---\n${YAML.stringify(obj, { lineWidth: 0 })}`;
          bytes += fs.writeSync(fd, text);
        }
      } else {
        bytes += fs.writeSync(fd, `{"apiVersion":"v1","kind":"List","items":[\n`);
        objects.forEach((obj, i) => {
          bytes += fs.writeSync(fd, `${i ? ',\n' : ''}${JSON.stringify(obj)}`);
        });
        bytes += fs.writeSync(fd, '\n]}\n');
      }
    } finally {
      fs.closeSync(fd);
    }
  }
  return { files: byNamespace.size, bytes };
}
