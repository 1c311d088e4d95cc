/**
 * The edges of the command line: everything the commands read from or
 * write to the outside world goes through a CliIo, so tests run the whole
 * CLI in-process with captured output (and real or fake files).
 */
import fs from 'node:fs';

/** What a path is, as far as manifest discovery cares. */
export type PathKind = 'file' | 'directory' | 'other';

export interface CliIo {
  /** Writes text to standard output (no newline added). */
  stdout(text: string): void;
  /** Writes text to standard error (no newline added). */
  stderr(text: string): void;
  /** Reads a whole file as UTF-8; throws a Node-style error (`code`) when it cannot. */
  readFile(path: string): string;
  /** Reads standard input to its end (for the `-` argument). */
  readStdin(): string;
  /** Follows symbolic links; throws a Node-style error when the path cannot be read. */
  stat(path: string): { kind: PathKind; realPath: string };
  /** Entry names of a directory. */
  readDir(path: string): string[];
  /** The time stamped on a scan report. */
  now(): Date;
}

/** The real thing: node:fs and the process streams. */
export function nodeIo(): CliIo {
  return {
    stdout: text => {
      process.stdout.write(text);
    },
    stderr: text => {
      process.stderr.write(text);
    },
    readFile: path => fs.readFileSync(path, 'utf8'),
    readStdin: () => fs.readFileSync(0, 'utf8'),
    stat: path => {
      const s = fs.statSync(path);
      let kind: PathKind = 'other';
      if (s.isFile()) kind = 'file';
      else if (s.isDirectory()) kind = 'directory';
      return { kind, realPath: fs.realpathSync(path) };
    },
    readDir: path => fs.readdirSync(path),
    now: () => new Date(),
  };
}

/** A short, readable reason for a failed file system call. */
export function describeIoError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return e?.message ?? String(error);
  }
}
