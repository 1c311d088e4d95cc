/**
 * NETPOL-002: does anything enforce NetworkPolicy in this cluster?
 *
 * The API server stores NetworkPolicies whether or not a network plugin
 * enforces them, so the answer comes from what runs in the system
 * namespaces: the plugin's DaemonSets/Deployments, their containers and
 * flags, and a few ConfigMaps. The table (see CONTROL-FACTS.md):
 *
 * | found                                   | enforcing when                                           |
 * |-----------------------------------------|----------------------------------------------------------|
 * | DaemonSet aws-node                      | container aws-eks-nodeagent runs with                    |
 * |                                         | --enable-network-policy=true (the amazon-vpc-cni         |
 * |                                         | ConfigMap key alone is not enough)                       |
 * | DaemonSet calico-node (or canal)        | present (Canal: Calico enforces beside flannel)          |
 * | DaemonSet cilium + container cilium-agent | cilium-config enable-policy is default/always/absent;  |
 * |                                         | `never` disables                                         |
 * | DaemonSet anetd                         | always (GKE Dataplane V2)                                |
 * | DaemonSet azure-npm                     | present                                                  |
 * | DaemonSet antrea-agent + Deployment antrea-controller | present                                    |
 * | DaemonSet weave-net                     | its weave-npc container runs                             |
 * | DaemonSet kube-router                   | --run-firewall is true (kube-router's default)           |
 * | DaemonSet kindnet                       | kind 0.24+ (kindnetd image v20240813 or later, or        |
 * |                                         | --network-policy=true)                                   |
 * | flannel alone, aws-node without agent   | never: fail                                              |
 *
 * Anything enforcing passes. Otherwise an undecidable finding or a failed
 * read gives `unknown`; recognised non-enforcing plugins give `fail`; and
 * nothing recognised gives `unknown` (a custom or managed dataplane the
 * API does not show: state it with `enforcerOverride`).
 */
import type {
  ClusterSnapshot,
  ConfigMapSnapshot,
  ContainerSnapshot,
  ControllerSnapshot,
} from '../snapshot';
import type { ControlResult, EnforcerEvidence } from '../report';
import { missingLookup, missingReason } from '../engine/missingData';

/** Namespaces where network plugins install their agents. @public */
export const ENFORCER_NAMESPACES: readonly string[] = [
  'kube-system',
  'calico-system',
  'tigera-operator',
  'cilium',
  'cilium-system',
  'kube-flannel',
  'kube-router',
  'antrea-system',
  'weave',
];

/** ConfigMaps enforcer detection reads (namespace-independent names). @public */
export const ENFORCER_CONFIGMAPS: readonly string[] = [
  'amazon-vpc-cni',
  'cilium-config',
];

type State = 'enforcing' | 'not-enforcing' | 'undetermined';

interface Finding {
  name: string;
  state: State;
  source: string;
  detail: string;
}

function sourceOf(c: ControllerSnapshot): string {
  return `${c.kind} ${c.namespace}/${c.name}`;
}

function argsOf(container: ContainerSnapshot | undefined): string[] {
  if (!container) return [];
  return [...(container.command ?? []), ...(container.args ?? [])].map(String);
}

/**
 * The value of a Go-style flag: `--name=value` or `-name=value`; a bare
 * `--name` is a boolean true. Undefined when absent; the last one wins.
 */
export function flagValue(args: string[], name: string): string | undefined {
  let value: string | undefined;
  for (const raw of args) {
    // Flags may sit inside a shell command line: split on whitespace.
    for (const arg of raw.split(/\s+/)) {
      const m = /^--?([A-Za-z0-9-]+)(?:=(.*))?$/.exec(arg);
      if (m && m[1] === name)
        value = m[2] === undefined ? 'true' : m[2].replace(/^["']|["']$/g, '');
    }
  }
  return value;
}

function isTrue(v: string | undefined): boolean {
  return v !== undefined && ['true', '1', 't'].includes(v.toLowerCase());
}

function daemonSets(
  controllers: ControllerSnapshot[],
  test: (name: string) => boolean,
): ControllerSnapshot[] {
  return controllers.filter(c => c.kind === 'DaemonSet' && test(c.name));
}

function configMap(
  configMaps: ConfigMapSnapshot[],
  name: string,
  preferNamespace: string,
): ConfigMapSnapshot | undefined {
  return (
    configMaps.find(c => c.name === name && c.namespace === preferNamespace) ??
    configMaps.find(c => c.name === name)
  );
}

/** Date of a kindnetd image tag `vYYYYMMDD-...`, as a number, if it has one. */
function kindnetImageDate(image: string | undefined): number | undefined {
  const m = /:v(\d{8})(?:-|$)/.exec(image ?? '');
  return m ? Number(m[1]) : undefined;
}

/** @public */
export interface EnforcerDetection {
  status: 'pass' | 'fail' | 'unknown';
  reason: string;
  enforcers: EnforcerEvidence[];
  notes: string[];
}

/**
 * Detects the NetworkPolicy enforcer from controllers and ConfigMaps.
 * @public
 */
export function detectEnforcer(
  snapshot: Pick<ClusterSnapshot, 'controllers' | 'configMaps' | 'missing'>,
): EnforcerDetection {
  const controllers = snapshot.controllers ?? [];
  const configMaps = snapshot.configMaps ?? [];
  const missing = missingLookup(snapshot.missing);
  const findings: Finding[] = [];
  const notes: string[] = [];

  const flannel = daemonSets(
    controllers,
    n => n === 'kube-flannel' || n.startsWith('kube-flannel-ds'),
  );

  // AWS VPC CNI and its network-policy node agent.
  for (const ds of daemonSets(controllers, n => n === 'aws-node')) {
    const agent = ds.containers?.find(c => c.name === 'aws-eks-nodeagent');
    const cm = configMap(configMaps, 'amazon-vpc-cni', ds.namespace);
    const controllerFlag = cm?.data?.['enable-network-policy-controller'];
    if (isTrue(controllerFlag)) {
      notes.push(
        `ConfigMap ${
          cm!.namespace
        }/amazon-vpc-cni sets enable-network-policy-controller: "${controllerFlag}"; pods are protected only when the aws-eks-nodeagent container runs with --enable-network-policy=true`,
      );
    }
    if (!agent) {
      findings.push({
        name: 'AWS VPC CNI',
        state: 'not-enforcing',
        source: sourceOf(ds),
        detail:
          'aws-node has no aws-eks-nodeagent container: the AWS VPC CNI alone does not enforce NetworkPolicy',
      });
      continue;
    }
    const v = flagValue(argsOf(agent), 'enable-network-policy');
    findings.push(
      isTrue(v)
        ? {
            name: 'AWS VPC CNI network-policy agent',
            state: 'enforcing',
            source: `${sourceOf(ds)} (container aws-eks-nodeagent)`,
            detail: 'aws-eks-nodeagent runs with --enable-network-policy=true',
          }
        : {
            name: 'AWS VPC CNI network-policy agent',
            state: 'not-enforcing',
            source: `${sourceOf(ds)} (container aws-eks-nodeagent)`,
            detail:
              v === undefined
                ? 'aws-eks-nodeagent runs without --enable-network-policy (default false): policies are not enforced'
                : `aws-eks-nodeagent runs with --enable-network-policy=${v}: policies are not enforced`,
          },
    );
  }

  // Calico (operator or manifest install, GKE's network-policy add-on) and Canal.
  const calico = daemonSets(controllers, n => n === 'calico-node');
  const canal = daemonSets(controllers, n => n === 'canal').filter(ds =>
    ds.containers?.some(c => c.name === 'calico-node'),
  );
  for (const ds of calico) {
    findings.push({
      name: flannel.length ? 'Canal (Calico with flannel)' : 'Calico',
      state: 'enforcing',
      source: sourceOf(ds),
      detail: flannel.length
        ? 'calico-node runs beside flannel: Calico enforces NetworkPolicy'
        : 'calico-node enforces NetworkPolicy',
    });
  }
  for (const ds of canal) {
    findings.push({
      name: 'Canal (Calico with flannel)',
      state: 'enforcing',
      source: sourceOf(ds),
      detail: 'the calico-node container of canal enforces NetworkPolicy',
    });
  }

  // Cilium: enforcing unless cilium-config says enable-policy: never.
  for (const ds of daemonSets(controllers, n => n === 'cilium')) {
    if (!ds.containers?.some(c => c.name === 'cilium-agent')) {
      notes.push(
        `${sourceOf(
          ds,
        )} has no cilium-agent container: not recognised as Cilium`,
      );
      continue;
    }
    const cm = configMap(configMaps, 'cilium-config', ds.namespace);
    const source = `${sourceOf(ds)} (container cilium-agent)`;
    if (!cm) {
      const gap = missing('configmaps', ds.namespace);
      findings.push(
        gap
          ? {
              name: 'Cilium',
              state: 'undetermined',
              source,
              detail: `cilium-config could not be read, so its enable-policy mode is unknown (${gap.reason})`,
            }
          : {
              name: 'Cilium',
              state: 'enforcing',
              source,
              detail:
                'no cilium-config ConfigMap: Cilium runs in its default policy mode, which enforces',
            },
      );
      continue;
    }
    const mode = cm.data?.['enable-policy'];
    const where = `ConfigMap ${cm.namespace}/cilium-config`;
    if (mode === undefined || mode === 'default' || mode === 'always') {
      findings.push({
        name: 'Cilium',
        state: 'enforcing',
        source,
        detail:
          mode === undefined
            ? `${where} does not set enable-policy: default mode enforces`
            : `${where} sets enable-policy: ${mode}`,
      });
    } else if (mode === 'never') {
      findings.push({
        name: 'Cilium',
        state: 'not-enforcing',
        source,
        detail: `${where} sets enable-policy: never: policy enforcement is disabled`,
      });
    } else {
      findings.push({
        name: 'Cilium',
        state: 'undetermined',
        source,
        detail: `${where} sets an unrecognised enable-policy value "${mode}"`,
      });
    }
  }

  for (const ds of daemonSets(controllers, n => n === 'anetd')) {
    findings.push({
      name: 'GKE Dataplane V2',
      state: 'enforcing',
      source: sourceOf(ds),
      detail: 'anetd (GKE Dataplane V2) always enforces NetworkPolicy',
    });
  }

  for (const ds of daemonSets(
    controllers,
    n => n === 'azure-npm' || n === 'azure-npm-win',
  )) {
    findings.push({
      name: 'Azure NPM',
      state: 'enforcing',
      source: sourceOf(ds),
      detail: 'Azure Network Policy Manager enforces NetworkPolicy',
    });
  }

  const antreaController = controllers.find(
    c => c.kind === 'Deployment' && c.name === 'antrea-controller',
  );
  for (const ds of daemonSets(controllers, n => n === 'antrea-agent')) {
    findings.push(
      antreaController
        ? {
            name: 'Antrea',
            state: 'enforcing',
            source: `${sourceOf(ds)} and ${sourceOf(antreaController)}`,
            detail: 'antrea-agent and antrea-controller enforce NetworkPolicy',
          }
        : {
            name: 'Antrea',
            state: 'undetermined',
            source: sourceOf(ds),
            detail:
              'antrea-agent runs but the antrea-controller Deployment was not seen (Deployments may not have been read)',
          },
    );
  }

  for (const ds of daemonSets(controllers, n => n === 'weave-net')) {
    const npc = ds.containers?.some(c => c.name === 'weave-npc');
    findings.push({
      name: 'Weave Net',
      state: npc ? 'enforcing' : 'not-enforcing',
      source: npc ? `${sourceOf(ds)} (container weave-npc)` : sourceOf(ds),
      detail: npc
        ? 'the weave-npc container enforces NetworkPolicy'
        : 'weave-net runs without its weave-npc container: policies are not enforced',
    });
  }

  for (const ds of daemonSets(controllers, n => n === 'kube-router')) {
    const args = (ds.containers ?? []).flatMap(argsOf);
    const v = flagValue(args, 'run-firewall');
    const on = v === undefined || isTrue(v);
    findings.push({
      name: 'kube-router',
      state: on ? 'enforcing' : 'not-enforcing',
      source: sourceOf(ds),
      detail:
        v === undefined
          ? 'kube-router runs without --run-firewall, whose default (true) enforces NetworkPolicy'
          : on
          ? `kube-router runs with --run-firewall=${v}`
          : `kube-router runs with --run-firewall=${v} (routes only): policies are not enforced`,
    });
  }

  for (const ds of daemonSets(controllers, n => n === 'kindnet')) {
    const containers = ds.containers ?? [];
    const flag = flagValue(containers.flatMap(argsOf), 'network-policy');
    const date = containers
      .map(c => kindnetImageDate(c.image))
      .find(d => d !== undefined);
    const image = containers.find(c => c.image)?.image ?? 'unknown image';
    let state: State;
    let detail: string;
    if (flag !== undefined) {
      state = isTrue(flag) ? 'enforcing' : 'not-enforcing';
      detail = `kindnetd runs with --network-policy=${flag}`;
    } else if (date !== undefined && date >= 20240813) {
      state = 'enforcing';
      detail = `kindnetd image ${image} is from kind 0.24 or later, which ships kube-network-policies`;
    } else if (date !== undefined && date < 20240723) {
      state = 'not-enforcing';
      detail = `kindnetd image ${image} predates kind 0.24: kindnet did not enforce NetworkPolicy then`;
    } else {
      state = 'undetermined';
      detail = `cannot tell from kindnetd image ${image} whether this kind release (0.24+) enforces NetworkPolicy`;
    }
    findings.push({ name: 'kindnet', state, source: sourceOf(ds), detail });
  }

  if (calico.length === 0 && canal.length === 0) {
    for (const ds of flannel) {
      findings.push({
        name: 'flannel',
        state: 'not-enforcing',
        source: sourceOf(ds),
        detail:
          'flannel provides pod networking only and does not enforce NetworkPolicy',
      });
    }
  }

  const enforcers: EnforcerEvidence[] = findings.map(f => ({
    name: f.name,
    enforcing: f.state === 'enforcing',
    state: f.state,
    source: f.source,
    detail: f.detail,
  }));

  const enforcing = findings.filter(f => f.state === 'enforcing');
  if (enforcing.length) {
    return {
      status: 'pass',
      reason: `${enforcing.map(f => f.name).join(', ')} enforce${
        enforcing.length === 1 ? 's' : ''
      } NetworkPolicy (${enforcing.map(f => f.source).join('; ')})`,
      enforcers,
      notes,
    };
  }
  const gaps = ['controllers', 'configmaps'].flatMap(r => {
    const global = missing(r as 'controllers');
    if (global) return [global];
    return ENFORCER_NAMESPACES.map(ns =>
      missing(r as 'controllers', ns),
    ).filter((m): m is NonNullable<typeof m> => !!m);
  });
  const controllerGap = gaps.find(g => g.resource === 'controllers');
  if (controllerGap) {
    return {
      status: 'unknown',
      reason: `${missingReason(
        controllerGap,
      )}; the enforcer cannot be detected`,
      enforcers,
      notes,
    };
  }
  const undetermined = findings.filter(f => f.state === 'undetermined');
  if (undetermined.length) {
    return {
      status: 'unknown',
      reason: undetermined.map(f => `${f.name}: ${f.detail}`).join('; '),
      enforcers,
      notes,
    };
  }
  if (findings.length) {
    return {
      status: 'fail',
      reason: `No NetworkPolicy enforcer runs: ${findings
        .map(f => `${f.name} (${f.source}): ${f.detail}`)
        .join('; ')}`,
      enforcers,
      notes,
    };
  }
  return {
    status: 'unknown',
    reason:
      'No known network plugin was recognised in the system namespaces; if another dataplane enforces NetworkPolicy, declare it (backend: netpolCompliance.clusters[].enforcer; CLI: --enforcer)',
    enforcers,
    notes,
  };
}

/** NETPOL-002 as a control result, honouring the configured override. */
export function evaluateEnforcerControl(
  snapshot: Pick<ClusterSnapshot, 'controllers' | 'configMaps' | 'missing'>,
  override?: { enforcing: boolean; reason: string },
): ControlResult {
  const detected = detectEnforcer(snapshot);
  if (override) {
    return {
      control: 'NETPOL-002',
      status: override.enforcing ? 'pass' : 'fail',
      reason: `Set by configuration: ${override.reason}`,
      evidence: {
        enforcers: detected.enforcers,
        notes: [
          `Detection alone would give ${detected.status}: ${detected.reason}`,
          ...detected.notes,
        ],
      },
    };
  }
  return {
    control: 'NETPOL-002',
    status: detected.status,
    reason: detected.reason,
    evidence: { enforcers: detected.enforcers, notes: detected.notes },
  };
}
