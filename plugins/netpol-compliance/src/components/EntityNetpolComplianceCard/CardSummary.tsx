import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { EntityComplianceResponse } from '@netpol/plugin-netpol-compliance-common';
import { ControlStatus } from '../ControlStatus';
import { summarize } from '../EntityNetpolComplianceContent/summary';
import { namespaceLine, worstNamespaces } from './worstNamespaces';

const MAX_ROWS = 5;

/** The verdict, and the worst few namespaces; the rest are counted. */
export function CardSummary(props: { view: EntityComplianceResponse }) {
  const summary = summarize(props.view);
  const rows = worstNamespaces(summary.rows);
  return (
    <>
      <Typography variant="h6" component="p">
        <ControlStatus status={summary.status} label={summary.headline} />
      </Typography>
      {summary.detail && (
        <Typography variant="body2">{summary.detail}</Typography>
      )}
      <Box component="ul" pl={0} mt={1} style={{ listStyle: 'none' }}>
        {rows.slice(0, MAX_ROWS).map(ranked => (
          <li key={`${ranked.row.cluster}/${ranked.row.report.namespace}`}>
            <ControlStatus
              status={ranked.status}
              label={namespaceLine(ranked)}
            />
          </li>
        ))}
      </Box>
      {rows.length > MAX_ROWS && (
        <Typography variant="body2" color="textSecondary">
          and {rows.length - MAX_ROWS} more
        </Typography>
      )}
    </>
  );
}
