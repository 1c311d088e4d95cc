import type { FactSchema } from '@backstage-community/plugin-tech-insights-common';
import { CONTROLS, getControl } from '@netpol/plugin-netpol-compliance-common';

/** The fact retriever's id: also its key under `techInsights.factRetrievers`. @public */
export const NETPOL_FACT_RETRIEVER_ID = 'netpolComplianceFactRetriever';

/**
 * The schema version. A new fact raises the minor version; a fact whose
 * meaning changes raises the major one.
 * @public
 */
export const NETPOL_FACTS_VERSION = '1.1.0';

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

/**
 * The controls an overview row carries (namespace controls and the
 * cluster's NETPOL-002): their facts come from the rows.
 */
export const ROW_CONTROLS = CONTROLS.filter(c => c.scope !== 'entity');

/**
 * The one entity-scoped control with a fact, counted from each entity's own
 * view (its stored connections). An entity-scoped control added later gets
 * no fact until it is computed here too.
 */
export const CONNECTIONS_CONTROL = 'NETPOL-007';

function controlFacts(): FactSchema {
  const schema: FactSchema = {};
  for (const control of ROW_CONTROLS) {
    schema[failingFactName(control.id)] = {
      type: 'integer',
      description:
        control.scope === 'cluster'
          ? `Namespaces of the entity on clusters failing ${control.id} (${control.title})`
          : `Namespaces of the entity failing ${control.id} (${control.title})`,
    };
  }
  schema[failingFactName(CONNECTIONS_CONTROL)] = {
    type: 'integer',
    description:
      `Namespaces of the entity where a connection the catalog declares for it is blocked ` +
      `(${CONNECTIONS_CONTROL}, ${getControl(CONNECTIONS_CONTROL)?.title}); absent when no scan has checked ` +
      'the catalog relations or the entity could not be read',
  };
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
    description: `Namespaces of the entity failing at least one namespace or cluster control (${CONNECTIONS_CONTROL}, per entity, has its own fact)`,
  },
  worstOutcome: {
    type: 'string',
    description:
      'Worst outcome over the entity\'s namespaces and their namespace and cluster controls: fail, unknown, warning, pass, exempt or not-applicable',
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
