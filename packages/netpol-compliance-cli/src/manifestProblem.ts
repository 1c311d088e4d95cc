/**
 * What reading manifests produces: the objects, and every problem located
 * by file, line and column, formatted for a terminal.
 */
import { escapeForTerminal, escapeLine } from './terminalText';

/** A Kubernetes object, as parsed. */
export type ManifestObject = Record<string, any>;

/** A problem with one input, located as precisely as the parser allows. */
export interface ManifestProblem {
  /** The path as given (or found under a folder), `<stdin>` for `-`. */
  file: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
  message: string;
  /** The offending source line with a caret under the column. */
  excerpt?: string;
}

/** Where a parsed object starts: its document in the file (0-based) and line. */
export interface ObjectSource {
  document: number;
  line?: number;
}

export interface ParsedText {
  objects: ManifestObject[];
  /** Parallel to `objects`. */
  sources?: ObjectSource[];
  errors: ManifestProblem[];
  warnings: ManifestProblem[];
}

export interface ReadManifestsResult extends ParsedText {
  /** Files read, in order. */
  files: string[];
}

/**
 * `file:line:column: message`, then the excerpt, indented. Text that came
 * from the input (the file name, the message, the excerpt) is escaped, so
 * a control sequence in a manifest never reaches the terminal raw.
 */
export function formatProblem(problem: ManifestProblem): string {
  let where = escapeLine(problem.file);
  if (problem.line !== undefined) {
    where += `:${problem.line}`;
    if (problem.column !== undefined) where += `:${problem.column}`;
  }
  const excerpt = problem.excerpt
    ? `\n${problem.excerpt
        .split('\n')
        .map(l => `    ${escapeLine(l)}`)
        .join('\n')}`
    : '';
  return `${where}: ${escapeForTerminal(problem.message)}${excerpt}`;
}
