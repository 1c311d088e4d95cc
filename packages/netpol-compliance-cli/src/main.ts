/**
 * The `netpol-compliance` command line: argument parsing and dispatch.
 * Everything outside the process goes through a CliIo, so tests call
 * `main(argv, io)` in-process; the bin passes the real one.
 */
import { parseArgs, ParseArgsConfig } from 'node:util';
import packageJson from '../package.json';
import { runReach } from './commands/reach';
import { runRemediate } from './commands/remediate';
import { runRemediateCatalog } from './commands/remediateCatalog';
import {
  DEFAULT_CLUSTER_NAME,
  runScan,
  SCAN_FORMATS,
  ScanFormat,
} from './commands/scan';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError } from './exitCodes';
import { FAIL_ON_LEVELS, FailOn } from './failOn';
import { CliIo, nodeIo } from './io';

const NAME = 'netpol-compliance';

export const USAGE = `Usage: ${NAME} <command> [options]

Kubernetes NetworkPolicy compliance (CIS 5.3.2 and friends) over manifest
files: the same controls as the Backstage plugin, without a cluster.

Commands:
  scan <file|dir>...        evaluate every control over the manifests, read as one cluster
  reach <file|dir>... --queries <file.json>
                            can A talk to B? answers reachability queries, in order
  remediate <namespace>     print the NetworkPolicies that make a namespace pass

Options:
  --help, -h                show help (also: ${NAME} <command> --help)
  --version                 show the version

Exit codes: 0 success, 1 --fail-on level reached (scan) or a query without
answer (reach), 2 usage error or unreadable input, 3 internal error.
`;

const SCAN_USAGE = `Usage: ${NAME} scan <file|dir>... [options]

Evaluates every control (NETPOL-001..006) over Kubernetes manifests read as
one cluster: multi-document YAML, JSON, and the kind: List output of
\`kubectl get -o yaml|json\`. Folders are read recursively (*.yaml, *.yml,
*.json; names starting with a dot are left out); "-" reads standard input.
Controllers without pods (manifests from Git) are evaluated through their
pod templates; pods whose controllers are not in the input (kubectl get
pods -A) belong to the owner their ownerReferences name. Kinds the engine
does not use are skipped and counted; documents that are not Kubernetes
objects (values.yaml, kustomization.yaml...) are skipped with a warning.
A policy the API server would reject, or the same object twice, stops the
command with its file, line and field (docs/cli.md).

Options:
  --format table|json       output format (default: table); json is documented
                            in docs/cli.md: {"clusters", "findings", "skipped"}
  --fail-on fail|warning|never
                            exit 1 when a finding is at this level or worse
                            (default: fail; warning = warning or fail;
                            never = always exit 0 after a scan)
  --cluster-name <name>     the cluster name in the report (default: ${DEFAULT_CLUSTER_NAME})
  --exempt <pattern>        exempt namespaces matching the pattern (* = any
                            characters), repeatable; added to the default
                            kube-system, kube-public, kube-node-lease
  --enforcer <reason>       the cluster enforces NetworkPolicy although the
                            manifests do not show it (a managed dataplane):
                            NETPOL-002 passes with this reason
  --count-admin-policies    NETPOL-001 counts the cluster admin policies
                            (AdminNetworkPolicy, BaselineAdminNetworkPolicy,
                            ClusterNetworkPolicy) selecting a namespace;
                            default: the CIS reading (they are evidence only)
  --help, -h                show this help

Exit codes: 0 level not reached, 1 level reached, 2 usage error or
unreadable input (every problem is listed with its file and line).

Examples:
  ${NAME} scan examples/clusters/prod-eu
  ${NAME} scan deploy/ --format json --fail-on warning
  kubectl get ns,deploy,sts,ds,pods,netpol -A -o yaml | ${NAME} scan - --cluster-name prod
`;

const REACH_USAGE = `Usage: ${NAME} reach <file|dir>... --queries <file.json>

Answers reachability queries over Kubernetes manifests read as one cluster:
a connection is allowed when the source's egress and the destination's
ingress both allow it (Kubernetes NetworkPolicies only).

The queries file:
  {"queries": [
    {"from": {"namespace": "shop", "pod": "web-1"},
     "to": {"namespace": "shop", "workload": "Deployment/cart-api"},
     "port": "http", "protocol": "TCP"},
    {"from": {"namespace": "shop", "workload": "Deployment/web"},
     "to": {"ip": "10.1.2.3"}, "port": 443}
  ]}
An endpoint is {"namespace","pod"}, {"namespace","workload":"Kind/name"} or
{"ip"}; "port" is a number or a port name of the destination (absent: any
port); "protocol" is TCP (default), UDP or SCTP.

Prints {"results": [...]}, one result per query in order:
{"allowed", "egress": {"allowed", "policies", ...}, "ingress": {...}, ...},
or {"error": "..."} for a query that cannot be answered (the others still are).

Options:
  --queries <file.json>     the queries ("-" for standard input)
  --help, -h                show this help

Exit codes: 0 every query answered, 1 some query has an error, 2 usage
error or unreadable input.
`;

const REMEDIATE_USAGE = `Usage: ${NAME} remediate <namespace> [options]

Prints NetworkPolicies (multi-document YAML) that make the namespace pass
the namespace controls: default-deny ingress and egress, plus DNS egress to
kube-dns. Review, then apply: ${NAME} remediate shop | kubectl apply -f -

       ${NAME} remediate <namespace> --catalog <catalog-info.yaml> <manifests...>

With --catalog: the least-privilege set. Besides the default denies and DNS,
one policy per workload allowing exactly the connections the catalog
declares (spec.dependsOn, consumesApis/providesApis, systems) on the ports the
containers declare, verified on the manifests (every declared connection
allowed, no undeclared source from outside the namespace, namespace controls
pass). The verification heads the YAML; exit 1 when it does not hold.

Options:
  --no-dns                  leave out the policy allowing DNS egress to kube-dns
  --allow-same-namespace    add a policy allowing traffic between the namespace's pods
  --catalog <file>          catalog-info file (repeat for several)
  --cluster <name>          honour the entities' backstage.io/kubernetes-cluster for this cluster
  --help, -h                show this help
`;

const HELP = { type: 'boolean', short: 'h' } as const;

interface Command {
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(
    values: Record<string, unknown>,
    positionals: string[],
    io: CliIo,
  ): number;
}

function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  option: string,
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (
    typeof value === 'string' &&
    (allowed as readonly string[]).includes(value)
  )
    return value as T;
  throw new UsageError(
    `invalid --${option} "${String(value)}": expected ${allowed.join(', ')}`,
  );
}

function needPaths(positionals: string[]): string[] {
  if (positionals.length === 0)
    throw new UsageError('no manifest file or folder given');
  if (positionals.filter(p => p === '-').length > 1)
    throw new UsageError('"-" (standard input) given twice');
  return positionals;
}

const COMMANDS: Record<string, Command> = {
  scan: {
    usage: SCAN_USAGE,
    options: {
      format: { type: 'string' },
      'fail-on': { type: 'string' },
      'cluster-name': { type: 'string' },
      exempt: { type: 'string', multiple: true },
      enforcer: { type: 'string' },
      'count-admin-policies': { type: 'boolean' },
      help: HELP,
    },
    run(values, positionals, io) {
      const clusterName = values['cluster-name'] as string | undefined;
      if (clusterName !== undefined && clusterName.trim() === '') {
        throw new UsageError('--cluster-name must not be empty');
      }
      const exempt = (values.exempt as string[] | undefined) ?? [];
      if (exempt.some(p => p.trim() === ''))
        throw new UsageError('--exempt must not be empty');
      const enforcer = values.enforcer as string | undefined;
      if (enforcer !== undefined && enforcer.trim() === '')
        throw new UsageError('--enforcer needs a reason');
      return runScan(
        {
          paths: needPaths(positionals),
          format: oneOf<ScanFormat>(
            values.format,
            SCAN_FORMATS,
            'format',
            'table',
          ),
          failOn: oneOf<FailOn>(
            values['fail-on'],
            FAIL_ON_LEVELS,
            'fail-on',
            'fail',
          ),
          clusterName,
          exempt,
          enforcerReason: enforcer?.trim(),
          countAdminPolicies: values['count-admin-policies'] === true,
        },
        io,
      );
    },
  },
  reach: {
    usage: REACH_USAGE,
    options: { queries: { type: 'string' }, help: HELP },
    run(values, positionals, io) {
      const paths = needPaths(positionals);
      const queries = values.queries as string | undefined;
      if (!queries) throw new UsageError('--queries <file.json> is required');
      if (queries === '-' && paths.includes('-')) {
        throw new UsageError(
          'standard input ("-") cannot hold both the manifests and the queries',
        );
      }
      return runReach({ paths, queries }, io);
    },
  },
  remediate: {
    usage: REMEDIATE_USAGE,
    options: {
      'no-dns': { type: 'boolean' },
      'allow-same-namespace': { type: 'boolean' },
      catalog: { type: 'string', multiple: true },
      cluster: { type: 'string' },
      help: HELP,
    },
    run(values, positionals, io) {
      const catalogFiles = (values.catalog as string[] | undefined) ?? [];
      if (catalogFiles.length) {
        const [namespace, ...paths] = positionals;
        if (!namespace) throw new UsageError('no namespace given');
        return runRemediateCatalog(
          { namespace, catalogFiles, paths: needPaths(paths), cluster: values.cluster as string | undefined },
          io,
        );
      }
      if (positionals.length !== 1) {
        throw new UsageError(
          positionals.length === 0
            ? 'no namespace given'
            : `one namespace expected, got ${positionals.length}`,
        );
      }
      return runRemediate(
        {
          namespace: positionals[0],
          allowDns: !values['no-dns'],
          allowSameNamespace: !!values['allow-same-namespace'],
        },
        io,
      );
    },
  },
};

/** parseArgs' messages, shortened to what a user needs. */
function argumentError(error: unknown): UsageError | undefined {
  const e = error as { code?: string; message?: string };
  if (typeof e?.code !== 'string' || !e.code.startsWith('ERR_PARSE_ARGS'))
    return undefined;
  const unknown = /Unknown option '([^']+)'/.exec(e.message ?? '');
  if (unknown) return new UsageError(`unknown option ${unknown[1]}`);
  return new UsageError((e.message ?? String(error)).split('\n')[0]);
}

function report(io: CliIo, error: UsageError, command?: string): number {
  io.stderr(`${NAME}: ${error.message}\n`);
  io.stderr(`Run "${NAME}${command ? ` ${command}` : ''} --help" for usage.\n`);
  return EXIT_USAGE;
}

/**
 * Runs the command line `argv` (without node and the script) and returns
 * the exit code. Never throws, never exits the process.
 */
export async function main(
  argv: string[],
  io: CliIo = nodeIo(),
): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr(USAGE);
    return EXIT_USAGE;
  }
  if (first === '--help' || first === '-h') {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (first === 'help') {
    const topic = rest[0];
    if (topic === undefined) {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    if (!Object.prototype.hasOwnProperty.call(COMMANDS, topic)) {
      return report(io, new UsageError(`unknown command "${topic}"`));
    }
    io.stdout(COMMANDS[topic].usage);
    return EXIT_OK;
  }
  if (first === '--version' || first === '-V') {
    io.stdout(`${packageJson.version}\n`);
    return EXIT_OK;
  }
  if (!Object.prototype.hasOwnProperty.call(COMMANDS, first)) {
    return report(
      io,
      new UsageError(
        first.startsWith('-')
          ? `unknown option ${first}`
          : `unknown command "${first}"`,
      ),
    );
  }
  const command = COMMANDS[first];
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: rest,
        options: command.options,
        allowPositionals: true,
        strict: true,
      });
    } catch (error) {
      throw argumentError(error) ?? error;
    }
    if (parsed.values.help) {
      io.stdout(command.usage);
      return EXIT_OK;
    }
    return command.run(parsed.values, parsed.positionals, io);
  } catch (error) {
    if (error instanceof UsageError) return report(io, error, first);
    io.stderr(
      `${NAME}: internal error: ${
        error instanceof Error ? error.stack ?? error.message : String(error)
      }\n` +
        'This is a bug: please report it with the command line and the input.\n',
    );
    return EXIT_INTERNAL;
  }
}
