/**
 * Namespace exemptions: by configuration (name patterns, `*` matches any
 * run of characters) or by the namespace annotation, whose value is the
 * reason shown. Exempt namespaces stay in the report with every namespace
 * control `exempt`: an exemption is visible, never a silent omission.
 */
import { ANNOTATION_NAMESPACE_EXEMPT } from '../annotations';

export type ExemptionCheck = (
  name: string,
  annotations: Record<string, string>,
) => { reason: string } | undefined;

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/\*/g, '.*')}$`);
}

export function exemptionChecker(patterns: string[]): ExemptionCheck {
  const compiled = patterns.map(p => ({ pattern: p, re: globToRegExp(p) }));
  return (name, annotations) => {
    const annotated = annotations?.[ANNOTATION_NAMESPACE_EXEMPT];
    if (annotated !== undefined) {
      return {
        reason: `Exempt by annotation ${ANNOTATION_NAMESPACE_EXEMPT}: ${
          annotated || 'no reason given'
        }`,
      };
    }
    const hit = compiled.find(c => c.re.test(name));
    return hit
      ? { reason: `Exempt by configuration (pattern "${hit.pattern}")` }
      : undefined;
  };
}
