/**
 * On/off switches of the plugins that implement the network-policy API
 * kinds, as their manifests expose them (a flag or an environment variable).
 */
import type { ContainerSnapshot } from '../snapshot/types';
import { argsOf, flagValue, isTrue } from './flags';
import type { ApiSupport } from './types';

/** A switch given as a flag or an environment variable: on, off, or not stated. */
export function switchOf(
  containers: ContainerSnapshot[],
  flags: string[],
  env: string[],
): ApiSupport {
  const args = containers.flatMap(argsOf);
  for (const f of flags) {
    const v = flagValue(args, f);
    if (v !== undefined) return isTrue(v) ? 'yes' : 'no';
  }
  for (const c of containers)
    for (const e of c.env ?? [])
      if (env.includes(e.name) && e.value !== undefined)
        return isTrue(e.value) ? 'yes' : 'no';
  return 'unknown';
}

export function stated(s: ApiSupport, what: string): string {
  if (s === 'yes') return `${what} is on`;
  if (s === 'no') return `${what} is off`;
  return `${what} is not visible in the manifest`;
}
