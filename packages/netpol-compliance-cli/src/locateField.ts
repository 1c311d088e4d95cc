/**
 * The line and column of a field inside a parsed file, from a field path
 * as validation writes it (`spec.ingress[0].from[0]`). Used only when an
 * object is refused, so the file is parsed again (as YAML, which also
 * reads JSON) only then.
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import { excerptAt } from './parseManifestText';

export type PathSegment = string | number;

/** `spec.ingress[0].from[0]` → `['spec', 'ingress', 0, 'from', 0]`; `labels[a.b/c]` keeps `a.b/c` whole. */
export function fieldPathSegments(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  for (const m of path.matchAll(re)) {
    if (m[1] !== undefined) out.push(m[1]);
    else out.push(/^[0-9]+$/.test(m[2]) ? Number(m[2]) : m[2]);
  }
  return out;
}

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

  /** The deepest node of `segments` found in document `document`. */
  locate(document: number, segments: PathSegment[]): FieldLocation | undefined {
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
    let node: any = doc?.contents;
    let offset: number | undefined = node?.range?.[0];
    for (const seg of segments) {
      if (isMap(node)) {
        const pair: any = node.items.find(
          (p: any) => isScalar(p.key) && String(p.key.value) === String(seg),
        );
        if (!pair) break;
        offset = pair.key?.range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg];
        offset = (node as any)?.range?.[0] ?? offset;
      } else {
        break;
      }
    }
    if (offset === undefined) return undefined;
    const { line, col } = this.lineCounter.linePos(offset);
    const excerpt = excerptAt(this.text, line, col);
    return { line, column: col, ...(excerpt ? { excerpt } : {}) };
  }
}
