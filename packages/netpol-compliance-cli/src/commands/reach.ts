/**
 * `netpol-compliance reach`: answers "can A talk to B on this port?" for a
 * file of queries, in order, over a set of manifests read as one cluster.
 * A query that cannot be answered (malformed, or naming a pod the
 * manifests do not hold) gets `{ "error": ... }`; the others still answer.
 * A workload whose pods differ is answered per distinct pod: `pods`
 * (`{ allowed: 2, total: 3 }`) and the first note name them, and
 * `allowed` is true only when every pod is.
 */
import {
  buildClusterSnapshot,
  createReachabilityChecker,
  ReachabilityQuery,
  ReachabilityQueryError,
  ReachabilityResult,
} from '@netpol/plugin-netpol-compliance-common';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../exitCodes';
import { CliIo, describeIoError } from '../io';
import {
  formatProblem,
  ManifestObject,
  parseJsonText,
  STDIN_PATH,
} from '../readManifests';
import { DEFAULT_CLUSTER_NAME } from './scan';
import { loadManifests } from './loadInput';

/** A result, or why the query has none. */
export type ReachAnswer = ReachabilityResult | { error: string };

/** The documented JSON output of `reach` (docs/cli.md). */
export interface ReachOutput {
  results: ReachAnswer[];
}

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const ENDPOINT_SHAPES =
  '{"namespace","pod"}, {"namespace","workload":"Kind/name"} or {"ip"}';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

function endpointProblem(ep: unknown, side: 'from' | 'to'): string | undefined {
  if (!isObject(ep)) return `"${side}" must be an object: ${ENDPOINT_SHAPES}`;
  const keys = ['ip', 'pod', 'workload'].filter(k => k in ep);
  if (keys.length !== 1) {
    return `"${side}" must have exactly one of "ip", "pod" or "workload": ${ENDPOINT_SHAPES}`;
  }
  if ('ip' in ep) {
    if (!nonEmptyString(ep.ip))
      return `"${side}.ip" must be a non-empty string`;
    if ('namespace' in ep)
      return `"${side}" names an ip and a namespace: an ip endpoint takes no namespace`;
    return undefined;
  }
  if (!nonEmptyString(ep.namespace))
    return `"${side}.namespace" must be a non-empty string`;
  if ('pod' in ep) {
    return nonEmptyString(ep.pod)
      ? undefined
      : `"${side}.pod" must be a non-empty string`;
  }
  if (
    typeof ep.workload !== 'string' ||
    !/^[^/\s]+\/[^/\s]+$/.test(ep.workload)
  ) {
    return `"${side}.workload" must be "Kind/name", e.g. "Deployment/web"`;
  }
  return undefined;
}

/**
 * Why a query is malformed, or undefined when the engine can take it. The
 * engine checks the rest (endpoints present in the manifests, IP syntax,
 * port range, named ports).
 */
export function queryProblem(query: unknown): string | undefined {
  if (!isObject(query)) return 'a query must be an object with "from" and "to"';
  for (const side of ['from', 'to'] as const) {
    if (!(side in query)) return `missing "${side}"`;
    const problem = endpointProblem(query[side], side);
    if (problem) return problem;
  }
  const port = query.port;
  if (port !== undefined && port !== null) {
    if (
      typeof port === 'number' ? !Number.isInteger(port) : !nonEmptyString(port)
    ) {
      return '"port" must be a port number or a port name';
    }
  }
  const protocol = query.protocol;
  if (protocol !== undefined && protocol !== null) {
    if (
      typeof protocol !== 'string' ||
      !PROTOCOLS.includes(protocol.toUpperCase())
    ) {
      return `"protocol" must be one of ${PROTOCOLS.join(', ')}`;
    }
  }
  return undefined;
}

/** The queries of a parsed queries file, or why the file is not one. */
export function queriesOf(document: unknown): unknown[] | string {
  if (!isObject(document) || !Array.isArray(document.queries)) {
    return 'expected {"queries": [ {"from": ..., "to": ..., "port": ..., "protocol": ...}, ... ]}';
  }
  return document.queries;
}

/** Answers each query, in order, over parsed objects: no I/O. */
export function answerQueries(
  objects: ManifestObject[],
  queries: unknown[],
  clusterName?: string,
): ReachOutput {
  const { snapshot } = buildClusterSnapshot({
    cluster: { name: clusterName || DEFAULT_CLUSTER_NAME },
    collectedAt: new Date(0).toISOString(), // not shown: reachability does not report it
    objects,
  });
  // The prepared form of checkReachability: one index for all the queries.
  const check = createReachabilityChecker(snapshot);
  const results = queries.map((query, i): ReachAnswer => {
    const problem = queryProblem(query);
    if (problem) return { error: `query ${i + 1}: ${problem}` };
    try {
      return check(query as ReachabilityQuery);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        error:
          error instanceof ReachabilityQueryError
            ? `query ${i + 1}: ${message}`
            : `query ${i + 1}: internal error: ${message}`,
      };
    }
  });
  return { results };
}

export interface ReachCommandOptions {
  paths: string[];
  /** The queries file, `-` for standard input. */
  queries: string;
}

function readQueries(file: string, io: CliIo): unknown[] | undefined {
  const shown = file === STDIN_PATH ? '<stdin>' : file;
  let text: string;
  try {
    text = file === STDIN_PATH ? io.readStdin() : io.readFile(file);
  } catch (error) {
    io.stderr(`error: ${shown}: cannot read: ${describeIoError(error)}\n`);
    return undefined;
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = parseJsonText(body, shown);
  if (!parsed.ok) {
    io.stderr(`error: ${formatProblem(parsed.error)}\n`);
    return undefined;
  }
  const queries = queriesOf(parsed.value);
  if (typeof queries === 'string') {
    io.stderr(`error: ${shown}: ${queries}\n`);
    return undefined;
  }
  return queries;
}

export function runReach(options: ReachCommandOptions, io: CliIo): number {
  const queries = readQueries(options.queries, io);
  if (!queries) return EXIT_USAGE;
  const input = loadManifests(options.paths, io);
  if (!input.ok) return EXIT_USAGE;
  const output = answerQueries(input.objects, queries);
  io.stdout(`${JSON.stringify(output, null, 2)}\n`);
  const failed = output.results.filter(r => 'error' in r);
  for (const r of failed)
    io.stderr(`error: ${(r as { error: string }).error}\n`);
  return failed.length ? EXIT_FINDINGS : EXIT_OK;
}
