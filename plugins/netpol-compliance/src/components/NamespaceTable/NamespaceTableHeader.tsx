import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import {
  getControl,
  NAMESPACE_CONTROL_IDS,
} from '@netpol/plugin-netpol-compliance-common';
import { shortLabel } from '../../utils/status';
import { VisuallyHidden } from '../VisuallyHidden';
import { useNamespaceTableStyles } from './styles';

/** Cluster, namespace, a column per control (what passes on hover), reason. */
export function NamespaceTableHeader() {
  const classes = useNamespaceTableStyles();
  return (
    <TableHead>
      <TableRow>
        <TableCell>Cluster</TableCell>
        <TableCell>Namespace</TableCell>
        {NAMESPACE_CONTROL_IDS.map(id => (
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
  );
}
