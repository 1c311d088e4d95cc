import type { IndexableDocument } from '@backstage/plugin-search-common';
import type { ControlDefinition } from '@netpol/plugin-netpol-compliance-common';

/** The search index type (document set) of the control docs. @public */
export const NETPOL_CONTROL_DOCUMENT_TYPE = 'netpol-compliance-control';

/** Where the app shows a control's page, unless configured otherwise. @public */
export const DEFAULT_CONTROL_PAGE_PATH = '/netpol-compliance/controls';

/** One control's page in the search index. @public */
export interface NetpolControlDocument extends IndexableDocument {
  controlId: string;
  scope: string;
  /** Framework items the control maps to, e.g. `CIS Kubernetes 5.3.2`. */
  frameworks: string[];
}

/**
 * A control's page as a search document: what it checks, why, and how to
 * fix it, from the control catalogue. Pure.
 */
export function controlDocument(
  control: ControlDefinition,
  controlPagePath: string = DEFAULT_CONTROL_PAGE_PATH,
): NetpolControlDocument {
  const frameworks = control.frameworks.map(f => `${f.framework} ${f.id}`);
  return {
    title: `${control.id}: ${control.title}`,
    text: [
      `What passes: ${control.passes}`,
      `Why: ${control.rationale}`,
      `How to fix: ${control.remediation}`,
      frameworks.length ? `Maps to: ${frameworks.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
    location: `${controlPagePath.replace(/\/+$/, '')}/${encodeURIComponent(control.id)}`,
    controlId: control.id,
    scope: control.scope,
    frameworks,
  };
}
