import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { CONTROLS } from '@netpol/plugin-netpol-compliance-common';
import {
  ControlDocumentation,
  NetpolComplianceApi,
  netpolComplianceApiRef,
} from '../api';

const cache = new WeakMap<
  NetpolComplianceApi,
  Promise<ControlDocumentation[]>
>();

/**
 * The catalogue as served by the backend (with the organisation's docs links),
 * fetched once per API instance. Falls back to the built-in catalogue, so docs
 * and labels still show when the backend cannot be reached.
 */
function loadControls(api: NetpolComplianceApi) {
  let pending = cache.get(api);
  if (!pending) {
    pending = api.getControls().then(
      served => mergeWithCatalogue(served),
      () => {
        cache.delete(api);
        return [...CONTROLS];
      },
    );
    cache.set(api, pending);
  }
  return pending;
}

function mergeWithCatalogue(
  served: ControlDocumentation[] | undefined,
): ControlDocumentation[] {
  if (!Array.isArray(served) || served.length === 0) return [...CONTROLS];
  const byId = new Map(served.map(c => [c.id, c]));
  const merged: ControlDocumentation[] = CONTROLS.map(c => ({
    ...c,
    ...byId.get(c.id),
  }));
  for (const c of served) {
    if (!CONTROLS.some(known => known.id === c.id)) merged.push(c);
  }
  return merged;
}

export interface UseControlsResult {
  controls: ControlDocumentation[];
  loading: boolean;
  get(id: string): ControlDocumentation | undefined;
}

export function useControls(): UseControlsResult {
  const api = useApi(netpolComplianceApiRef);
  const { value, loading } = useAsync(() => loadControls(api), [api]);
  const controls = value ?? [...CONTROLS];
  return {
    controls,
    loading,
    get: (id: string) => controls.find(c => c.id === id),
  };
}
