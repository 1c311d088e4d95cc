import type { FactSchema } from '@backstage-community/plugin-tech-insights-common';
import { CONTROLS } from '@netpol/plugin-netpol-compliance-common';

/** The fact retriever's id: also its key under `techInsights.factRetrievers`. @public */
export const NETPOL_FACT_RETRIEVER_ID = 'netpolComplianceFactRetriever';

/**
 * The schema version. A new fact raises the minor version; a fact whose
 * meaning changes raises the major one.
 * @public
 */
export const NETPOL_FACTS_VERSION = '1.0.0';

/**
 * The fact counting an entity's namespaces that fail one control:
 * `NETPOL-004` -> `namespacesFailingNetpol004`. Flat integers, so a JSON
 * rules engine check needs no path.
 * @public
 */
export function failingFactName(controlId: string): string {
  const [prefix, number] = controlId.split('-');
  return `namespacesFailing${prefix.charAt(0)}${prefix.slice(1).toLowerCase()}${number}`;
}

/** @public */
export interface NetpolFacts {
  namespacesMapped: number;
  namespacesFailing: number;
  worstOutcome: string;
  unknownCount: number;
  /** ISO time of the oldest report the facts come from; absent when none. */
  lastScannedAt?: string;
  [failingPerControl: string]: number | string | undefined;
}

function controlFacts(): FactSchema {
  const schema: FactSchema = {};
  for (const control of CONTROLS) {
    schema[failingFactName(control.id)] = {
      type: 'integer',
      description:
        control.scope === 'cluster'
          ? `Namespaces of the entity on clusters failing ${control.id} (${control.title})`
          : `Namespaces of the entity failing ${control.id} (${control.title})`,
    };
  }
  return schema;
}

/** @public */
export const NETPOL_FACT_SCHEMA: FactSchema = {
  namespacesMapped: {
    type: 'integer',
    description: 'Namespaces (per cluster) the entity maps to in the latest stored reports',
  },
  namespacesFailing: {
    type: 'integer',
    description: 'Namespaces of the entity failing at least one control',
  },
  worstOutcome: {
    type: 'string',
    description:
      'Worst outcome over the entity\'s namespaces and controls: fail, unknown, warning, pass, exempt or not-applicable',
  },
  unknownCount: {
    type: 'integer',
    description:
      'Control results of the entity\'s namespaces that are unknown (data incomplete or report stale): neither pass nor fail',
  },
  lastScannedAt: {
    type: 'datetime',
    description: 'When the oldest cluster report behind these facts was read',
  },
  ...controlFacts(),
};
