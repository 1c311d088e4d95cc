import { Fragment, useState } from 'react';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import ExpandLess from '@material-ui/icons/ExpandLess';
import ExpandMore from '@material-ui/icons/ExpandMore';
import { makeStyles } from '@material-ui/core/styles';
import {
  getControl,
  NAMESPACE_CONTROL_IDS,
  NamespaceReport,
} from '@netpol/plugin-netpol-compliance-common';
import { ControlStatus } from '../ControlStatus';
import {
  compareSeverity,
  needsAction,
  shortLabel,
  worstOf,
} from '../../utils/status';
import { VisuallyHidden } from '../VisuallyHidden';
import { NamespaceDetails } from './NamespaceDetails';

const useStyles = makeStyles(theme => ({
  // Words wrap whole: a cluster name or an outcome broken mid-word is hard
  // to read.
  // Narrower padding so all nine columns fit a laptop screen.
  table: {
    '& td, & th': {
      wordBreak: 'normal',
      overflowWrap: 'normal',
      paddingRight: theme.spacing(1),
    },
  },
  nowrap: { whiteSpace: 'nowrap' },
  reasonCell: { minWidth: 180, maxWidth: 420 },
  // Control names wrap so that all columns, the reason and the Fix button fit
  // a laptop screen without scrolling sideways.
  controlHeader: { verticalAlign: 'bottom', minWidth: 88 },
  controlId: { display: 'block', color: theme.palette.text.secondary },
  detailsCell: { backgroundColor: theme.palette.background.default },
  reasons: { margin: 0 },
}));

export interface NamespaceRow {
  cluster: string;
  clusterTitle?: string;
  report: NamespaceReport;
}

function rowKey(row: NamespaceRow) {
  return `${row.cluster}/${row.report.namespace}`;
}

function Reasons(props: { report: NamespaceReport }) {
  const classes = useStyles();
  const { report } = props;
  if (report.exemption) return <>Exempt: {report.exemption.reason}</>;
  const notPassing = report.results
    .filter(r => r.status !== 'pass' && r.status !== 'not-applicable')
    .sort((a, b) => compareSeverity(a.status, b.status));
  if (notPassing.length === 0) return <>All controls pass.</>;
  // The row shows the most severe finding; all of them, with evidence, are
  // one click away in the details, so rows stay scannable.
  const [first, ...rest] = notPassing;
  return (
    <Typography variant="body2" className={classes.reasons}>
      {shortLabel(first.control)}: {first.reason}
      {rest.length > 0 && (
        <>
          {' '}
          <em>
            (and {rest.length} more: {rest.map(r => shortLabel(r.control)).join(', ')})
          </em>
        </>
      )}
    </Typography>
  );
}

/**
 * One row per cluster and namespace, one column per namespace control
 * (outcome as icon and text), the reasons, and a row expansion with the
 * evidence and the fix.
 */
export function NamespaceTable(props: {
  rows: NamespaceRow[];
  runbookUrl?: string;
}) {
  const { rows, runbookUrl } = props;
  const classes = useStyles();
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const toggle = (key: string) =>
    setExpanded(previous => {
      const next = new Set(previous);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const columns = NAMESPACE_CONTROL_IDS;
  return (
    <Table
      size="small"
      className={classes.table}
      aria-label="Network policy compliance per namespace"
    >
      <TableHead>
        <TableRow>
          <TableCell>Cluster</TableCell>
          <TableCell>Namespace</TableCell>
          {columns.map(id => (
            <TableCell key={id} className={classes.controlHeader}>
              <Tooltip title={getControl(id)?.passes ?? ''}>
                <span>
                  {shortLabel(id)}
                  <span className={classes.controlId}>{id}</span>
                </span>
              </Tooltip>
            </TableCell>
          ))}
          <TableCell>Reason</TableCell>
          <TableCell>
            <VisuallyHidden>Details</VisuallyHidden>
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(row => {
          const key = rowKey(row);
          const open = expanded.has(key);
          const failing = needsAction(worstOf(row.report.results));
          const detailsId = `netpol-details-${key.replace(
            /[^a-zA-Z0-9-]/g,
            '-',
          )}`;
          return (
            <Fragment key={key}>
              <TableRow hover>
                <TableCell>{row.clusterTitle ?? row.cluster}</TableCell>
                <TableCell className={classes.nowrap}>
                  <strong>{row.report.namespace}</strong>
                </TableCell>
                {columns.map(id => {
                  const result = row.report.results.find(r => r.control === id);
                  return (
                    <TableCell key={id}>
                      {result ? (
                        <ControlStatus status={result.status} />
                      ) : (
                        <ControlStatus
                          status="not-applicable"
                          label="Not checked"
                        />
                      )}
                    </TableCell>
                  );
                })}
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
                    aria-label={`${open ? 'Hide' : 'Show'} ${
                      failing ? 'fix and evidence' : 'details'
                    } for ${row.report.namespace} on ${row.cluster}`}
                    endIcon={open ? <ExpandLess /> : <ExpandMore />}
                    onClick={() => toggle(key)}
                  >
                    {failing ? 'Fix' : 'Details'}
                  </Button>
                </TableCell>
              </TableRow>
              {open && (
                <TableRow id={detailsId}>
                  <TableCell
                    colSpan={columns.length + 4}
                    className={classes.detailsCell}
                  >
                    <NamespaceDetails
                      report={row.report}
                      cluster={row.cluster}
                      runbookUrl={runbookUrl}
                    />
                  </TableCell>
                </TableRow>
              )}
            </Fragment>
          );
        })}
      </TableBody>
    </Table>
  );
}
