/**
 * Runs the command as a process: the real streams, the exit code. Shared by
 * bin/netpol-compliance and `node dist/index.cjs.js`.
 */
import { main } from './main';

export function runCli(argv: string[]): Promise<void> {
  // A closed pipe (`netpol-compliance scan . | head`) is not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error?.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  return main(argv).then(
    code => {
      // exitCode rather than exit(): let stdout drain when it is a pipe.
      process.exitCode = code;
    },
    error => {
      process.stderr.write(
        `netpol-compliance: internal error: ${error?.stack ?? error}\n`,
      );
      process.exitCode = 3;
    },
  );
}
