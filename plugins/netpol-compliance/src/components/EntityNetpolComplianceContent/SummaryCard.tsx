import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { EntityMapping } from '@netpol/plugin-netpol-compliance-common';
import { ControlStatus } from '../ControlStatus';
import { ScanPermission } from '../ScanPermission';
import { RescanButton } from './RescanButton';
import { describeMapping, type ComplianceSummary } from './summary';
import type { RescanState } from './useRescan';

/** The entity's overall outcome, what was checked, and Rescan if allowed. */
export function SummaryCard(props: {
  summary: ComplianceSummary;
  mapping: EntityMapping;
  rescanState: RescanState;
  onRescan: () => void;
}) {
  const { summary, mapping, rescanState, onRescan } = props;
  return (
    <InfoCard>
      <Box display="flex" justifyContent="space-between" style={{ gap: 16 }}>
        <Box>
          <Typography variant="h5" component="h2">
            <ControlStatus status={summary.status} label={summary.headline} />
          </Typography>
          {summary.detail && (
            <Typography variant="body1">{summary.detail}</Typography>
          )}
          <Typography variant="body2" color="textSecondary">
            Checked: {describeMapping(mapping)}
          </Typography>
        </Box>
        <ScanPermission>
          {canScan =>
            canScan && <RescanButton state={rescanState} onClick={onRescan} />
          }
        </ScanPermission>
      </Box>
    </InfoCard>
  );
}
