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
import { runScan, SCAN_FORMATS, ScanFormat } from './commands/scan';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError } from './exitCodes';
import { FAIL_ON_LEVELS, FailOn } from './failOn';
import { CliIo, nodeIo } from './io';
import { NAME, REACH_USAGE, REMEDIATE_USAGE, SCAN_USAGE, USAGE } from './usage';

export { USAGE } from './usage';

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
        if (values['no-dns']) {
          throw new UsageError('--no-dns does not go with --catalog: the least-privilege set keeps DNS, and verifies it');
        }
        const [namespace, ...paths] = positionals;
        if (!namespace) throw new UsageError('no namespace given');
        return runRemediateCatalog(
          {
            namespace,
            catalogFiles,
            paths: needPaths(paths),
            cluster: values.cluster as string | undefined,
            allowSameNamespace: !!values['allow-same-namespace'],
          },
          io,
        );
      }
      if (values.cluster !== undefined) {
        throw new UsageError('--cluster goes with --catalog (it picks the entities annotated for that cluster)');
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
