import { EntityRefLink } from '@backstage/plugin-catalog-react';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { OverviewRow } from '@netpol/plugin-netpol-compliance-common';
import type { ControlDocumentation } from '../../api';
import { worstOf } from '../../utils/status';
import { ControlStatus } from '../ControlStatus';
import { NamespaceCell } from './NamespaceCell';

function Owners(props: { owners: string[] }) {
  if (!props.owners.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        No owner
      </Typography>
    );
  }
  return (
    <>
      {props.owners.map((owner, i) => (
        <span key={owner}>
          {i > 0 && ', '}
          <EntityRefLink entityRef={owner} defaultKind="group" />
        </span>
      ))}
    </>
  );
}

/** An exempt namespace says so, with the reason on hover, over its worst outcome. */
function Overall(props: { row: OverviewRow }) {
  const { row } = props;
  return row.exemption ? (
    <span title={row.exemption.reason}>
      <ControlStatus status="exempt" />
    </span>
  ) : (
    <ControlStatus status={worstOf(row.results)} />
  );
}

function ControlCell(props: { row: OverviewRow; control: string }) {
  const result = props.row.results.find(r => r.control === props.control);
  return (
    <TableCell title={result?.reason}>
      {result ? (
        <ControlStatus status={result.status} />
      ) : (
        <Typography variant="body2" color="textSecondary">
          —
        </Typography>
      )}
    </TableCell>
  );
}

/** One namespace: where it is, who owns it, and its outcome per control. */
export function NamespaceRow(props: {
  row: OverviewRow;
  controls: ControlDocumentation[];
  tabPath: string;
}) {
  const { row, controls, tabPath } = props;
  return (
    <TableRow hover>
      {/* Names first: they stay readable; outcome columns give way. */}
      <TableCell style={{ whiteSpace: 'nowrap' }}>{row.cluster}</TableCell>
      <TableCell style={{ minWidth: 150 }}>
        <NamespaceCell row={row} tabPath={tabPath} />
      </TableCell>
      <TableCell style={{ minWidth: 120 }}>
        <Owners owners={row.owners} />
      </TableCell>
      <TableCell>
        <Overall row={row} />
      </TableCell>
      {controls.map(c => (
        <ControlCell key={c.id} row={row} control={c.id} />
      ))}
    </TableRow>
  );
}
