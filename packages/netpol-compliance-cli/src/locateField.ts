/**
 * The line and column of a field inside a parsed file, from a field path
 * as validation writes it (`spec.ingress[0].from[0]`, `labels[a.b/c]`).
 * Used only when an object is refused, so the file is parsed again (as
 * YAML, which also reads JSON) only then.
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import { excerptAt } from './parseManifestText';

export type PathSegment = string | number;

export interface FieldLocation {
  line: number;
  column: number;
  excerpt?: string;
}

/** Locates fields in one file's text; parses it on first use. */
export class FieldLocator {
  private documents?: ReturnType<typeof parseAllDocuments>;
  private readonly lineCounter = new LineCounter();

  constructor(private readonly text: string) {}

  /**
   * The deepest node found in document `document` along `segments` (a
   * list item's place in its list), then along `path` as validation
   * writes it. The path is matched against the keys the document has, so
   * a key holding a dot, a bracket or a control character
   * (`spec.ingres\x1b[2J`) is found on its own line.
   */
  locate(
    document: number,
    segments: PathSegment[],
    path = '',
  ): FieldLocation | undefined {
    if (!this.documents) {
      try {
        const parsed = parseAllDocuments(this.text, {
          lineCounter: this.lineCounter,
        });
        this.documents = Array.isArray(parsed) ? parsed : [];
      } catch {
        this.documents = [];
      }
    }
    const doc = this.documents[document];
    const at: Step = { node: doc?.contents, offset: (doc?.contents as any)?.range?.[0] };
    for (const seg of segments) if (!stepInto(at, seg)) break;
    if (at.reached === undefined || at.reached) {
      let rest = path;
      while (rest) {
        const next = stepAlong(at, rest);
        if (next === undefined) break;
        rest = next;
      }
    }
    if (at.offset === undefined) return undefined;
    const { line, col } = this.lineCounter.linePos(at.offset);
    const excerpt = excerptAt(this.text, line, col);
    return { line, column: col, ...(excerpt ? { excerpt } : {}) };
  }
}

interface Step {
  node: any;
  offset?: number;
  /** False once a segment was not found: the path is not looked for then. */
  reached?: boolean;
}

/** One list index or map key; false when it is not there. */
function stepInto(at: Step, seg: PathSegment): boolean {
  if (isMap(at.node)) {
    const pair: any = at.node.items.find(
      (p: any) => isScalar(p.key) && String(p.key.value) === String(seg),
    );
    if (!pair) return (at.reached = false);
    at.offset = pair.key?.range?.[0] ?? at.offset;
    at.node = pair.value;
    return true;
  }
  if (isSeq(at.node) && typeof seg === 'number') {
    at.node = at.node.items[seg];
    at.offset = at.node?.range?.[0] ?? at.offset;
    return true;
  }
  return (at.reached = false);
}

/**
 * Moves along the start of `rest` (`key`, `[key]` or `[3]`, then `.` or
 * `[` or the end), taking the longest key the map has; returns what is
 * left, or undefined when nothing matches.
 */
function stepAlong(at: Step, rest: string): string | undefined {
  let taken: string | undefined;
  let seg: PathSegment | undefined;
  const fits = (form: string) =>
    rest === form || rest.startsWith(`${form}.`) || rest.startsWith(`${form}[`);
  if (isMap(at.node)) {
    for (const p of at.node.items as any[]) {
      if (!isScalar(p.key)) continue;
      const key = String(p.key.value);
      for (const form of [key, `[${key}]`])
        if (fits(form) && (!taken || form.length > taken.length)) {
          taken = form;
          seg = key;
        }
    }
  } else if (isSeq(at.node)) {
    const m = /^\[(\d+)\]/.exec(rest);
    if (m) {
      taken = m[0];
      seg = Number(m[1]);
    }
  }
  if (taken === undefined || !stepInto(at, seg!)) return undefined;
  const left = rest.slice(taken.length);
  return left.startsWith('.') ? left.slice(1) : left;
}
