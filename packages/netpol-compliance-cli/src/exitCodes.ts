/** Exit codes shared by every command. */

/** Success; for `scan`, the --fail-on level was not reached. */
export const EXIT_OK = 0;
/** `scan`: the --fail-on level was reached. `reach`: some query could not be answered. */
export const EXIT_FINDINGS = 1;
/** Usage error, or input that cannot be read or parsed. */
export const EXIT_USAGE = 2;

/** An unexpected error: a bug, to be reported with its input. */
export const EXIT_INTERNAL = 3;

/** An error to report as `netpol-compliance: <message>` with exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
