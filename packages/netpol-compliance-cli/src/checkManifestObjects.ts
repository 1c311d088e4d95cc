/**
 * What `kubectl apply` would do with the parsed objects, before any is
 * evaluated:
 *
 * - A policy object the API server would reject stops the command: each
 *   problem names its place (`file:line`), the object (`NetworkPolicy
 *   shop/web-ingress`) and the field path. Counting it would let a
 *   namespace pass on a policy the cluster never holds.
 * - The same object twice (same kind, namespace and name), or one
 *   Namespace declared twice with different content, is refused naming
 *   both places: `kubectl apply` would keep only one of them.
 * - A document that is not a Kubernetes object (no `apiVersion` and no
 *   `kind`: a Helm values.yaml, a kustomization.yaml without them, a
 *   Chart.yaml) is skipped with a warning naming the file. A `kind` the
 *   engine reads without an `apiVersion` is an error, as for kubectl.
 */
import {
  isClusterScopedKind,
  policyKindOf,
  readKindOf,
  validateObject,
} from '@netpol/plugin-netpol-compliance-common';
import { FieldLocator, PathSegment } from './locateField';
import type {
  ManifestObject,
  ManifestProblem,
  ObjectSource,
  ParsedText,
} from './manifestProblem';

/** A kind the engine reads other than a policy kind (the table is the snapshot builder's). */
function readsNonPolicy(kind: string): boolean {
  const read = readKindOf(kind);
  return read !== undefined && read !== 'policy';
}

function isMapping(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}

/** Stable JSON: the same content gives the same text whatever the key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isMapping(value))
    return `{${Object.keys(value)
      .sort()
      .map(k => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

interface FileContext {
  file: string;
  locator: FieldLocator;
  source: ObjectSource;
  out: ParsedText;
}

/** Checks the objects of each file in turn; remembers objects across files. */
export class ManifestChecker {
  private readonly seen = new Map<
    string,
    { place: string; content?: string }
  >();

  /** Moves the objects of `parsed` that pass into `out`, and the problems too. */
  checkFile(
    file: string,
    text: string,
    parsed: ParsedText,
    out: ParsedText,
  ): void {
    const locator = new FieldLocator(text);
    parsed.objects.forEach((obj, i) => {
      const source = parsed.sources?.[i] ?? { document: 0 };
      const ctx: FileContext = { file, locator, source, out };
      if (this.checkDocument(obj, ctx)) out.objects.push(obj);
    });
  }

  /** `path`: the list item's place, then (`field`) a field path as validation writes it. */
  private problem(
    ctx: FileContext,
    path: PathSegment[],
    message: string,
    field = '',
  ): ManifestProblem {
    const at = ctx.locator.locate(ctx.source.document, path, field);
    const line = at?.line ?? ctx.source.line;
    return {
      file: ctx.file,
      ...(line !== undefined ? { line } : {}),
      ...(at ? { column: at.column } : {}),
      message,
      ...(at?.excerpt ? { excerpt: at.excerpt } : {}),
    };
  }

  /** Whether the document is kept. */
  private checkDocument(obj: ManifestObject, ctx: FileContext): boolean {
    const { kind, apiVersion } = obj;
    if (!nonEmptyString(kind)) {
      ctx.out.warnings.push({
        file: ctx.file,
        ...(ctx.source.line !== undefined ? { line: ctx.source.line } : {}),
        message: `skipped: not a Kubernetes object (no ${
          nonEmptyString(apiVersion) ? 'kind' : 'apiVersion and kind'
        })`,
      });
      return false;
    }
    if (!nonEmptyString(apiVersion)) {
      const read =
        readKindOf(kind) !== undefined || kind.endsWith('List');
      if (read) {
        ctx.out.errors.push(
          this.problem(ctx, ['kind'], `${kind}: apiVersion not set`),
        );
        return false;
      }
      ctx.out.warnings.push({
        file: ctx.file,
        ...(ctx.source.line !== undefined ? { line: ctx.source.line } : {}),
        message: `skipped: not a Kubernetes object (kind ${kind} without apiVersion)`,
      });
      return false;
    }
    const errors = ctx.out.errors.length;
    this.checkObject(obj, kind, apiVersion, [], ctx);
    return ctx.out.errors.length === errors;
  }

  private checkObject(
    obj: ManifestObject,
    kind: string,
    apiVersion: string,
    prefix: PathSegment[],
    ctx: FileContext,
  ): void {
    if (kind === 'List' || (kind.endsWith('List') && 'items' in obj)) {
      this.checkList(obj, kind, apiVersion, prefix, ctx);
      return;
    }
    const policy = policyKindOf(kind, apiVersion);
    if (!policy && !readsNonPolicy(kind)) {
      this.checkDuplicate(obj, kind, apiVersion, prefix, ctx);
      return;
    }
    const meta = obj.metadata;
    if (!isMapping(meta) || !nonEmptyString(meta.name)) {
      ctx.out.errors.push(
        this.problem(
          ctx,
          [...prefix, 'metadata'],
          `${kind}: metadata.name: required value`,
        ),
      );
      return;
    }
    for (const p of validateObject(kind, apiVersion, obj)) {
      const colon = p.indexOf(': ');
      ctx.out.errors.push(
        this.problem(
          ctx,
          prefix,
          `${describeObject(obj, kind)}: ${p}`,
          colon < 0 ? '' : p.slice(0, colon),
        ),
      );
    }
    this.checkDuplicate(obj, kind, apiVersion, prefix, ctx);
  }

  private checkList(
    list: ManifestObject,
    kind: string,
    apiVersion: string,
    prefix: PathSegment[],
    ctx: FileContext,
  ): void {
    const items = list.items;
    if (items === undefined || items === null) return;
    if (!Array.isArray(items)) {
      ctx.out.errors.push(
        this.problem(
          ctx,
          [...prefix, 'items'],
          `${kind}: items must be a list`,
        ),
      );
      return;
    }
    const typed = kind !== 'List';
    items.forEach((item: unknown, i: number) => {
      const at = [...prefix, 'items', i];
      if (!isMapping(item)) {
        ctx.out.errors.push(
          this.problem(ctx, at, `${kind}: item ${i} is not an object`),
        );
        return;
      }
      // A typed list (`PodList`) names its items' kind and version.
      let itemKind: string | undefined = typed ? kind.slice(0, -4) : undefined;
      if (nonEmptyString(item.kind)) itemKind = item.kind;
      let itemVersion: string | undefined = typed ? apiVersion : undefined;
      if (nonEmptyString(item.apiVersion)) itemVersion = item.apiVersion;
      if (!itemKind || !itemVersion) {
        ctx.out.errors.push(
          this.problem(
            ctx,
            at,
            `${kind}: item ${i} has no ${itemKind ? 'apiVersion' : 'kind'}`,
          ),
        );
        return;
      }
      this.checkObject(item, itemKind, itemVersion, at, ctx);
    });
  }

  private checkDuplicate(
    obj: ManifestObject,
    kind: string,
    apiVersion: string,
    prefix: PathSegment[],
    ctx: FileContext,
  ): void {
    const meta = isMapping(obj.metadata) ? obj.metadata : {};
    if (!nonEmptyString(meta.name)) return; // an unused kind: nothing to collide
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
    const key = `${group}\u0000${kind}\u0000${namespaceOf(obj, kind)}\u0000${
      meta.name
    }`;
    const content = kind === 'Namespace' ? canonical(obj) : undefined;
    const before = this.seen.get(key);
    if (!before) {
      // The document's line, known without parsing the file again (that
      // happens only for a problem); a list item adds its index.
      const line = ctx.source.line !== undefined ? `:${ctx.source.line}` : '';
      const item = prefix.length > 0 ? ` (${formatPath(prefix)})` : '';
      this.seen.set(key, { place: `${ctx.file}${line}${item}`, content });
      return;
    }
    if (kind === 'Namespace' && before.content === content) return;
    ctx.out.errors.push({
      ...this.problem(ctx, prefix, ''),
      message: `${describeObject(obj, kind)} is declared twice${
        kind === 'Namespace' ? ' with different content' : ''
      }: here and at ${before.place} (kubectl apply would keep only one)`,
    });
  }
}

/** `['items', 3]` → `items[3]`. */
function formatPath(path: PathSegment[]): string {
  return path
    .map((seg, i) => {
      if (typeof seg === 'number') return `[${seg}]`;
      return i === 0 ? seg : `.${seg}`;
    })
    .join('');
}

function namespaceOf(obj: ManifestObject, kind: string): string {
  const ns = obj.metadata?.namespace;
  if (isClusterScopedKind(kind)) return '';
  if (nonEmptyString(ns)) return ns;
  return readsNonPolicy(kind) || policyKindOf(kind, obj.apiVersion)
    ? 'default'
    : '';
}

/** `NetworkPolicy shop/web-ingress`, `Namespace shop`. */
export function describeObject(obj: ManifestObject, kind: string): string {
  const name = obj.metadata?.name;
  const ns = namespaceOf(obj, kind);
  return `${kind} ${ns ? `${ns}/` : ''}${name}`;
}
