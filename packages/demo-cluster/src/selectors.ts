/**
 * Label and field selectors with the grammar and semantics of
 * k8s.io/apimachinery: clients such as the Backstage kubernetes backend pass
 * entity label selectors straight through, so anything the real server
 * accepts must work here, and anything it rejects must be rejected (400) here
 * too, or tests against the demo cluster would pass where production fails.
 */
import {
  LabelSelectorSyntaxError,
  LabelSelectorTextRequirement,
  matchesLabelSelectorText,
  parseLabelSelectorText,
} from '@netpol/plugin-netpol-compliance-common';

/** Thrown for a selector the real API server would reject with 400. */
export class SelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}

/** One parsed requirement; a selector is the AND of its requirements. */
export type LabelRequirement = LabelSelectorTextRequirement;

export type Labels = Record<string, string> | undefined;

/** A compiled selector: `matches(labels)`; `empty` when it selects everything. */
export interface LabelSelector {
  requirements: LabelRequirement[];
  empty: boolean;
  matches(labels: Labels): boolean;
}

/**
 * Parses a `labelSelector` query value with the common package's parser
 * (the grammar of apimachinery, `k>n` and `k<n` included). Throws
 * {@link SelectorError} for anything the real server rejects.
 */
export function parseLabelSelector(input: string): LabelSelector {
  let requirements: LabelRequirement[];
  try {
    requirements = parseLabelSelectorText(input);
  } catch (error) {
    if (error instanceof LabelSelectorSyntaxError) {
      throw new SelectorError(error.message);
    }
    throw error;
  }
  return {
    requirements,
    empty: requirements.length === 0,
    matches: labels => matchesLabelSelectorText(requirements, labels),
  };
}

/** One `fieldSelector` term; fields selectors only support (in)equality. */
export interface FieldRequirement {
  field: string;
  operator: '=' | '!=';
  value: string;
}

export interface FieldSelector {
  requirements: FieldRequirement[];
  empty: boolean;
}

/**
 * Parses a `fieldSelector` query value: `f=v`, `f==v`, `f!=v`, comma = AND,
 * with apimachinery's backslash escapes (`\,`, `\=`, `\\`) in values.
 * Which fields are supported depends on the resource; see
 * {@link supportedFields}.
 */
export function parseFieldSelector(input: string): FieldSelector {
  const requirements: FieldRequirement[] = [];
  if (input.trim() === '') {
    return { requirements, empty: true };
  }
  for (const term of splitUnescaped(input, ',')) {
    const m = /^([^=!]*?)(==|!=|=)(.*)$/s.exec(term);
    if (!m) {
      throw new SelectorError(
        `invalid selector: '${term}'; can't understand '${term}'`,
      );
    }
    const field = m[1].trim();
    if (!field) {
      throw new SelectorError(
        `invalid selector: '${term}'; field name is empty`,
      );
    }
    requirements.push({
      field,
      operator: m[2] === '!=' ? '!=' : '=',
      value: unescapeFieldValue(m[3]),
    });
  }
  return { requirements, empty: requirements.length === 0 };
}

function splitUnescaped(input: string, sep: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (ch === '\\' && i + 1 < input.length) {
      current += ch + input[i + 1];
      i++;
    } else if (ch === sep) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

function unescapeFieldValue(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '\\') {
      const nextCh = raw[i + 1];
      if (nextCh === '\\' || nextCh === ',' || nextCh === '=') {
        out += nextCh;
        i++;
        continue;
      }
      throw new SelectorError(
        `invalid field selector: invalid escape sequence in '${raw}'`,
      );
    }
    if (ch === ',' || ch === '=') {
      throw new SelectorError(
        `invalid field selector: unescaped '${ch}' in value '${raw}'`,
      );
    }
    out += ch;
  }
  return out;
}

type FieldGetter = (obj: any) => string;

const COMMON_FIELDS: Record<string, FieldGetter> = {
  'metadata.name': o => o?.metadata?.name ?? '',
  'metadata.namespace': o => o?.metadata?.namespace ?? '',
};

/** Extra fields the real server indexes for pods (kubectl and kubelets use them). */
const POD_FIELDS: Record<string, FieldGetter> = {
  'spec.nodeName': o => o?.spec?.nodeName ?? '',
  'spec.restartPolicy': o => o?.spec?.restartPolicy ?? '',
  'spec.schedulerName': o => o?.spec?.schedulerName ?? '',
  'spec.serviceAccountName': o => o?.spec?.serviceAccountName ?? '',
  'spec.hostNetwork': o => String(Boolean(o?.spec?.hostNetwork)),
  'status.phase': o => o?.status?.phase ?? '',
  'status.podIP': o => o?.status?.podIP ?? '',
  'status.nominatedNodeName': o => o?.status?.nominatedNodeName ?? '',
};

const NAMESPACE_FIELDS: Record<string, FieldGetter> = {
  'status.phase': o => o?.status?.phase ?? '',
};

/** The field getters a resource supports in field selectors. */
export function supportedFields(
  plural: string,
  group: string,
): Record<string, FieldGetter> {
  if (group === '' && plural === 'pods')
    return { ...COMMON_FIELDS, ...POD_FIELDS };
  if (group === '' && plural === 'namespaces')
    return { ...COMMON_FIELDS, ...NAMESPACE_FIELDS };
  return COMMON_FIELDS;
}

/**
 * Binds a parsed field selector to a resource, failing (400) on fields the
 * resource does not support, like the real server's
 * `field label not supported: spec.foo`.
 */
export function compileFieldSelector(
  selector: FieldSelector,
  fields: Record<string, FieldGetter>,
): (obj: any) => boolean {
  const checks = selector.requirements.map(r => {
    const get = fields[r.field];
    if (!get) {
      throw new SelectorError(`field label not supported: ${r.field}`);
    }
    return (obj: any) =>
      r.operator === '=' ? get(obj) === r.value : get(obj) !== r.value;
  });
  return obj => checks.every(c => c(obj));
}
