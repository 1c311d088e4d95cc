/** Restricts what each detector sees to its own system namespaces. */
import type { ClusterSnapshot, ControllerSnapshot } from '../snapshot/types';
import type { MissingLookup } from '../engine/missingData';
import { sourceOf } from './flags';
import type { DetectorInput, EnforcerDetector } from './types';

export function detectorInput(
  detector: EnforcerDetector,
  snapshot: Pick<ClusterSnapshot, 'controllers' | 'configMaps'>,
  missing: MissingLookup,
): DetectorInput {
  const namespaces = new Set(detector.namespaces);
  const controllers = (snapshot.controllers ?? []).filter(c =>
    namespaces.has(c.namespace),
  );
  const allowed = new Set(
    (detector.configMaps ?? []).flatMap(cm =>
      cm.namespaces.map(ns => `${ns}/${cm.name}`),
    ),
  );
  return {
    controllers,
    configMap: (name, namespace) =>
      allowed.has(`${namespace}/${name}`)
        ? (snapshot.configMaps ?? []).find(
            c => c.name === name && c.namespace === namespace,
          )
        : undefined,
    missing: (resource, namespace) => missing(resource, namespace),
    daemonSets: test =>
      controllers.filter(
        c =>
          c.kind === 'DaemonSet' &&
          (typeof test === 'string' ? c.name === test : test(c.name)),
      ),
  };
}

/**
 * DaemonSets named like a detector's agent but running outside its
 * namespaces: noted, never taken as evidence (anyone with access to a team
 * namespace could create them).
 */
export function untrustedLookalikes(
  detector: EnforcerDetector,
  controllers: ControllerSnapshot[],
): string[] {
  return controllers
    .filter(
      c =>
        c.kind === 'DaemonSet' &&
        detector.daemonSetNames.includes(c.name) &&
        !detector.namespaces.includes(c.namespace),
    )
    .map(
      c =>
        `${sourceOf(c)} is not in ${
          detector.name
        }'s system namespaces (${detector.namespaces.join(
          ', ',
        )}): not taken as evidence of an enforcer`,
    );
}
