import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { netpolComplianceApiRef } from '../../api';
import { isNetpolComplianceAvailable } from '../../utils/isNetpolComplianceAvailable';
import { NotMappedState } from '../NotMappedState';
import { ComplianceView } from './ComplianceView';
import { LoadError } from './LoadError';

function EntityCompliance(props: { entity: Entity }) {
  const { entity } = props;
  const api = useApi(netpolComplianceApiRef);
  const ref = stringifyEntityRef(entity);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getEntityCompliance(getCompoundEntityRef(entity)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, ref],
  );
  if (!value && loading) return <Progress />;
  if (!value && error) return <LoadError error={error} onRetry={retry} />;
  if (!value) return <Progress />;
  if (!value.mapping.mapped) {
    return (
      <NotMappedState
        entityName={entity.metadata.name}
        reason={value.mapping.reason}
      />
    );
  }
  return <ComplianceView entity={entity} view={value} reload={retry} />;
}

/**
 * The Network policy tab: for every cluster and namespace the entity maps
 * to, whether its traffic is isolated, why not, and what to apply.
 *
 * @public
 */
export function EntityNetpolComplianceContent() {
  const { entity } = useEntity();
  if (!isNetpolComplianceAvailable(entity)) {
    return <NotMappedState entityName={entity.metadata.name} />;
  }
  return <EntityCompliance entity={entity} />;
}
