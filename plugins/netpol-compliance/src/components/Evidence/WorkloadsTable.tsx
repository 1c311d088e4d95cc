import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { WorkloadReport } from '@netpol/plugin-netpol-compliance-common';
import { WorkloadRow } from './WorkloadRow';

/**
 * Each workload with the policies that select it per direction, and whether
 * it can be reached from other namespaces or from outside the cluster, with
 * what decided each answer.
 */
export function WorkloadsTable(props: { workloads: WorkloadReport[] }) {
  const { workloads } = props;
  if (workloads.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No workloads found in this namespace.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Workloads and the policies selecting them">
      <TableHead>
        <TableRow>
          <TableCell>Workload</TableCell>
          <TableCell>Pods</TableCell>
          <TableCell>Ingress policies</TableCell>
          <TableCell>Egress policies</TableCell>
          <TableCell>From other namespaces</TableCell>
          <TableCell>From outside the cluster</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {workloads.map(w => (
          <WorkloadRow key={`${w.kind}/${w.name}`} workload={w} />
        ))}
      </TableBody>
    </Table>
  );
}
