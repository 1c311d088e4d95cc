import Typography from '@material-ui/core/Typography';
import type { FleetFreshness } from '@netpol/plugin-netpol-compliance-common';
import { formatAge, formatTimestamp } from '../../utils/time';

/**
 * One line on how current the fleet is: the oldest report (every other is
 * newer) and the clusters still without one. Absent with an older backend.
 */
export function FleetFreshnessLine(props: { fleet?: FleetFreshness }) {
  const { fleet } = props;
  if (!fleet || fleet.clusters === 0) return null;
  const pending = fleet.withoutReport;
  return (
    <Typography variant="body2" color="textSecondary" gutterBottom>
      {fleet.withReport} of {fleet.clusters} clusters have a report
      {fleet.oldestReportAt && (
        <>
          ; the oldest is from{' '}
          <span title={formatTimestamp(fleet.oldestReportAt)}>
            {formatAge(fleet.oldestReportAt)}
          </span>{' '}
          ({fleet.oldestReportCluster})
        </>
      )}
      {pending.length > 0 && (
        <>
          ; not yet scanned: {pending.slice(0, 5).join(', ')}
          {pending.length > 5 ? ` and ${pending.length - 5} more` : ''}
        </>
      )}
      .
    </Typography>
  );
}
