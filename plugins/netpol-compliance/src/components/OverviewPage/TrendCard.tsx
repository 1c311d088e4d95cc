import { InfoCard, Progress } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { HistoryResponse } from '@netpol/plugin-netpol-compliance-common';
import { TrendChart } from '../TrendChart';
import { historySeries } from './history';

/** Non-passing namespaces per control over the last `days` days. */
export function TrendCard(props: {
  days: number;
  history: { loading: boolean; error?: Error; value?: HistoryResponse };
}) {
  const { days, history } = props;
  const { labels, series } = historySeries(history.value, days);
  return (
    <InfoCard
      title={`Trend, last ${days} days`}
      subheader="Namespaces failing or warning, per control"
    >
      {history.loading && <Progress />}
      {history.error && (
        <Typography variant="body2" color="textSecondary">
          The trend could not be loaded: {history.error.message}
        </Typography>
      )}
      {history.value && (
        <TrendChart
          title="Namespaces failing or warning per control"
          yLabel="Namespaces failing or warning"
          labels={labels}
          series={series}
        />
      )}
    </InfoCard>
  );
}
