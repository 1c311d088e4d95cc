/**
 * Test helpers: a CliIo over the real file system with captured output,
 * and a temporary folder of files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CliIo, nodeIo } from '../io';

export interface CapturedIo extends CliIo {
  out: string[];
  err: string[];
  /** Everything written to stdout. */
  stdoutText(): string;
  /** Everything written to stderr. */
  stderrText(): string;
}

export const FIXED_NOW = new Date('2025-01-02T03:04:05.000Z');

export function captureIo(options: { stdin?: string } = {}): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    ...nodeIo(),
    stdout: text => {
      out.push(text);
    },
    stderr: text => {
      err.push(text);
    },
    readStdin: () => {
      if (options.stdin === undefined) throw new Error('no stdin in this test');
      return options.stdin;
    },
    now: () => FIXED_NOW,
    out,
    err,
    stdoutText: () => out.join(''),
    stderrText: () => err.join(''),
  };
}

/** A temporary folder; `write` creates files (and their folders) in it. */
export class TempDir {
  readonly root: string;

  constructor(prefix = 'netpol-cli-') {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  }

  path(...parts: string[]): string {
    return path.join(this.root, ...parts);
  }

  write(relative: string, content: string): string {
    const file = this.path(relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
