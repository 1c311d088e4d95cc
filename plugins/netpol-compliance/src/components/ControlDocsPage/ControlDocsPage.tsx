import { useParams } from 'react-router-dom';
import {
  Content,
  ContentHeader,
  InfoCard,
  Progress,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useControls } from '../../hooks/useControls';
import { FrameworkMappings } from './FrameworkMappings';
import { HowToFix } from './HowToFix';
import { References } from './References';
import { UnknownControl } from './UnknownControl';
import { useOverviewPath } from './useOverviewPath';
import { WhatItChecks } from './WhatItChecks';

/**
 * What a control checks, why, where frameworks name it, and how to fix it.
 *
 * @public
 */
export function ControlDocsPage(props: { id?: string }) {
  const params = useParams();
  const id = (props.id ?? params.id ?? '').toUpperCase();
  const { get, loading, controls } = useControls();
  const overviewPath = useOverviewPath();
  const control = get(id);

  if (!control) {
    if (loading) return <Progress />;
    return (
      <UnknownControl id={id} controls={controls} overviewPath={overviewPath} />
    );
  }
  return (
    <Content>
      <ContentHeader title={`${control.id}: ${control.title}`} />
      <Grid container spacing={3}>
        <Grid item xs={12} md={8}>
          <WhatItChecks control={control} />
        </Grid>
        <Grid item xs={12} md={4}>
          <FrameworkMappings frameworks={control.frameworks} />
        </Grid>
        <Grid item xs={12}>
          <InfoCard title="Why it matters">
            <Typography variant="body1">{control.rationale}</Typography>
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <HowToFix control={control} overviewPath={overviewPath} />
        </Grid>
        <Grid item xs={12}>
          <References references={control.references} />
        </Grid>
      </Grid>
    </Content>
  );
}
