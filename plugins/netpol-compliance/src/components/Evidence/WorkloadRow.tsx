import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { WorkloadReport } from '@netpol/plugin-netpol-compliance-common';
import { Policies, Reach, WorkloadNameCell } from './WorkloadCells';

/** One workload: pods, policies per direction, and its reach with notes. */
export function WorkloadRow(props: { workload: WorkloadReport }) {
  const { workload: w } = props;
  return (
    <TableRow>
      <WorkloadNameCell workload={w} />
      <TableCell>{w.pods}</TableCell>
      <TableCell>
        <Policies policies={w.ingressPolicies} direction="ingress" />
      </TableCell>
      <TableCell>
        <Policies policies={w.egressPolicies} direction="egress" />
      </TableCell>
      <TableCell>
        <Reach
          open={w.reach?.fromOtherNamespaces}
          what="other namespaces"
          why={w.reach?.why?.fromOtherNamespaces}
        />
      </TableCell>
      <TableCell>
        <Reach
          open={w.reach?.fromOutsideCluster}
          what="outside"
          why={w.reach?.why?.fromOutsideCluster}
        />
        {w.reach?.notes?.map(note => (
          <Typography key={note} variant="caption" display="block">
            {note}
          </Typography>
        ))}
      </TableCell>
    </TableRow>
  );
}
