/**
 * The log line of a reload, for the command line: what changed and how the
 * resourceVersion moved, or why the last good objects are still served.
 */
import { describeChanges, hasChanges } from './changes';
import { ReloadResult } from './servedData';

export interface ReloadReport {
  /** Failed reloads go to stderr. */
  failed: boolean;
  text: string;
}

export function reloadReport(
  cluster: string,
  result: ReloadResult,
): ReloadReport {
  const { before, after } = result.resourceVersion;
  if (result.errors.length > 0) {
    const problems = result.errors
      .map(e => `  ${e.file}: ${e.message}`)
      .join('\n');
    return {
      failed: true,
      text: `cluster ${cluster}: reload failed, still serving the last good manifests (resourceVersion ${before}):\n${problems}`,
    };
  }
  if (!hasChanges(result.changes)) {
    return {
      failed: false,
      text: `cluster ${cluster} reloaded: no object changed (resourceVersion ${before})`,
    };
  }
  return {
    failed: false,
    text: `cluster ${cluster} reloaded (resourceVersion ${before} -> ${after}): ${describeChanges(
      result.changes,
    )}`,
  };
}
