import type { ControlDocumentation } from '../../api';

/** A control's own docs page under the overview. */
export function controlDocsPath(overviewPath: string, id: string): string {
  return `${overviewPath}/controls/${id}`;
}

/**
 * The overview filtered to where the control is not met. An entity
 * control has none: the overview lists namespaces and clusters, and an
 * entity control's findings are on each entity's tab.
 */
export function failingLink(
  control: ControlDocumentation,
  overviewPath: string | undefined,
): string | undefined {
  return overviewPath && control.scope !== 'entity'
    ? `${overviewPath}?control=${encodeURIComponent(control.id)}&status=${
        control.failStatus
      }`
    : undefined;
}

/** "See every namespace where NETPOL-001 fails", by scope and outcome. */
export function failingLinkText(control: ControlDocumentation): string {
  return `See every ${
    control.scope === 'cluster' ? 'cluster' : 'namespace'
  } where ${control.id} ${control.failStatus === 'fail' ? 'fails' : 'warns'}`;
}
