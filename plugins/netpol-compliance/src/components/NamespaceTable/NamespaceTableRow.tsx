import Button from '@material-ui/core/Button';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import ExpandLess from '@material-ui/icons/ExpandLess';
import ExpandMore from '@material-ui/icons/ExpandMore';
import { NAMESPACE_CONTROL_IDS } from '@netpol/plugin-netpol-compliance-common';
import { needsAction, worstOf } from '../../utils/status';
import { ControlStatus } from '../ControlStatus';
import { NamespaceDetails } from './NamespaceDetails';
import { Reasons } from './Reasons';
import { COLUMN_COUNT, NamespaceRow, toggleLabel } from './rows';
import { useNamespaceTableStyles } from './styles';

/**
 * One namespace: its outcome per control and the reason, with a toggle for
 * the details row below it. A failing row's toggle is the prominent Fix.
 */
export function NamespaceTableRow(props: {
  row: NamespaceRow;
  open: boolean;
  detailsId: string;
  onToggle: () => void;
  runbookUrl?: string;
}) {
  const { row, open, detailsId, onToggle, runbookUrl } = props;
  const classes = useNamespaceTableStyles();
  const failing = needsAction(worstOf(row.report.results));
  return (
    <>
      <TableRow hover>
        <TableCell>{row.clusterTitle ?? row.cluster}</TableCell>
        <TableCell className={classes.nowrap}>
          <strong>{row.report.namespace}</strong>
        </TableCell>
        {NAMESPACE_CONTROL_IDS.map(id => (
          <ControlCell key={id} row={row} control={id} />
        ))}
        <TableCell className={classes.reasonCell}>
          <Reasons report={row.report} />
        </TableCell>
        <TableCell>
          <Button
            size="small"
            variant={failing ? 'contained' : 'text'}
            color={failing ? 'primary' : 'default'}
            aria-expanded={open}
            aria-controls={detailsId}
            aria-label={toggleLabel(row, open, failing)}
            endIcon={open ? <ExpandLess /> : <ExpandMore />}
            onClick={onToggle}
          >
            {failing ? 'Fix' : 'Details'}
          </Button>
        </TableCell>
      </TableRow>
      {open && (
        <TableRow id={detailsId}>
          <TableCell colSpan={COLUMN_COUNT} className={classes.detailsCell}>
            <NamespaceDetails
              report={row.report}
              cluster={row.cluster}
              runbookUrl={runbookUrl}
            />
          </TableCell>
        </TableRow>
      )}
    </>
  );
}

function ControlCell(props: { row: NamespaceRow; control: string }) {
  const result = props.row.report.results.find(
    r => r.control === props.control,
  );
  return (
    <TableCell>
      {result ? (
        <ControlStatus status={result.status} />
      ) : (
        <ControlStatus status="not-applicable" label="Not checked" />
      )}
    </TableCell>
  );
}
