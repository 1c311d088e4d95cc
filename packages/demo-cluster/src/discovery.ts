/**
 * Discovery documents (`/version`, `/api`, `/api/v1`, `/apis`,
 * `/apis/<group>`, `/apis/<group>/<version>`), generated from the resources
 * currently served, so clients that discover before they list (kubectl,
 * client libraries) see exactly what the demo cluster can answer.
 */
import { ResourceType, groupVersionOf } from './resources';

/** The Kubernetes version the demo cluster reports. */
export const KUBERNETES_VERSION = { major: '1', minor: '31', patch: '0' };

export function versionInfo() {
  const { major, minor, patch } = KUBERNETES_VERSION;
  return {
    major,
    minor,
    gitVersion: `v${major}.${minor}.${patch}`,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: 'go1.22.5',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function apiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupEntry(group: string, versions: string[]) {
  const list = versions.map(version => ({
    groupVersion: `${group}/${version}`,
    version,
  }));
  return { name: group, versions: list, preferredVersion: list[0] };
}

/** Served groups (other than core) with their versions, in table order. */
function servedGroups(served: readonly ResourceType[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const rt of served) {
    if (!rt.group) continue;
    const versions = groups.get(rt.group) ?? [];
    if (!versions.includes(rt.version)) versions.push(rt.version);
    groups.set(rt.group, versions);
  }
  return groups;
}

export function apiGroupList(served: readonly ResourceType[]) {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...servedGroups(served)].map(([g, v]) => groupEntry(g, v)),
  };
}

/** `/apis/<group>`, or undefined when the group is not served. */
export function apiGroup(served: readonly ResourceType[], group: string) {
  const versions = servedGroups(served).get(group);
  if (!versions) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(group, versions) };
}

/** `/api/v1` or `/apis/<group>/<version>`, or undefined when not served. */
export function apiResourceList(
  served: readonly ResourceType[],
  group: string,
  version: string,
) {
  const resources = served.filter(
    rt => rt.group === group && rt.version === version,
  );
  if (resources.length === 0) return undefined;
  const groupVersion = groupVersionOf({ group, version });
  return {
    kind: 'APIResourceList',
    // The core group's list has no apiVersion on the real server either.
    ...(group ? { apiVersion: 'v1' } : {}),
    groupVersion,
    resources: resources.map(rt => ({
      name: rt.plural,
      singularName: rt.singular,
      namespaced: rt.namespaced,
      kind: rt.kind,
      // Read-only and no watch support: advertise only what is answered.
      verbs: ['get', 'list'],
      ...(rt.shortNames ? { shortNames: rt.shortNames } : {}),
    })),
  };
}
