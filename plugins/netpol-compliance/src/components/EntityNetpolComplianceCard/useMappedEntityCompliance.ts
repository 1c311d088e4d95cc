import { useApi } from '@backstage/core-plugin-api';
import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import useAsync from 'react-use/esm/useAsync';
import { netpolComplianceApiRef } from '../../api';
import { isNetpolComplianceAvailable } from '../../utils/isNetpolComplianceAvailable';

/**
 * The entity's compliance; the backend is not asked for an entity without
 * the annotations that map it to namespaces.
 */
export function useMappedEntityCompliance(entity: Entity) {
  const api = useApi(netpolComplianceApiRef);
  const available = isNetpolComplianceAvailable(entity);
  const ref = stringifyEntityRef(entity);
  const state = useAsync(
    async () =>
      available
        ? api.getEntityCompliance(getCompoundEntityRef(entity))
        : undefined,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, ref, available],
  );
  return { available, ...state };
}
