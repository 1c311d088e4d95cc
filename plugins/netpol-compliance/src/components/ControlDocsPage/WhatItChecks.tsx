import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { ControlScope } from '@netpol/plugin-netpol-compliance-common';
import type { ControlDocumentation } from '../../api';

/** What a control is checked for, by its scope. */
const SCOPE_WORDS: Record<ControlScope, string> = {
  cluster: 'each cluster',
  namespace: 'each namespace',
  entity:
    'each catalog entity, for the connections the catalog declares for it',
};

/** When the control passes, what it is checked for, and its other outcomes. */
export function WhatItChecks(props: { control: ControlDocumentation }) {
  const { control } = props;
  return (
    <InfoCard title="What it checks">
      <Typography variant="body1" paragraph>
        {control.passes}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Scope: {SCOPE_WORDS[control.scope]}. When it is not met the outcome is{' '}
        {control.failStatus}; when the scan could not read what it needs,
        unknown (never pass).
        {control.scope === 'entity' &&
          ' Its findings are shown per entity, in the Connections section of its Network policy tab, not on the overview.'}
      </Typography>
    </InfoCard>
  );
}
