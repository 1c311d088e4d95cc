import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type {
  PolicyRef,
  WorkloadReport,
} from '@netpol/plugin-netpol-compliance-common';
import { ControlStatus } from '../ControlStatus';

function policyNames(policies: PolicyRef[]): string {
  return policies.length
    ? policies
        .map(p => (p.kind === 'NetworkPolicy' ? p.name : `${p.kind} ${p.name}`))
        .join(', ')
    : '';
}

function Policies(props: { policies: PolicyRef[]; direction: string }) {
  const names = policyNames(props.policies);
  return names ? (
    <>{names}</>
  ) : (
    <ControlStatus
      status="fail"
      label={`None: all ${props.direction} allowed`}
    />
  );
}

/** One reach answer, and what decided it (the tier, policy and rule) when the report says. */
function Reach(props: { open: boolean | undefined; what: string; why?: string }) {
  if (props.open === undefined) return <>—</>;
  return (
    <>
      {props.open ? (
        <ControlStatus status="warning" label={`Reachable from ${props.what}`} />
      ) : (
        <ControlStatus status="pass" label={`Not reachable from ${props.what}`} />
      )}
      {props.why && (
        <Typography variant="caption" display="block" color="textSecondary">
          {props.why}
        </Typography>
      )}
    </>
  );
}

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
          <TableRow key={`${w.kind}/${w.name}`}>
            <TableCell>
              {w.kind}/{w.name}
              {w.covered === false && (
                <Typography variant="caption" display="block" color="error">
                  Not selected by any policy
                </Typography>
              )}
              {w.fromTemplate && (
                <Typography variant="caption" display="block">
                  No running pod: checked from its pod template
                </Typography>
              )}
              {w.otherPolicies.length > 0 && (
                <Typography variant="caption" display="block">
                  Also selected by {policyNames(w.otherPolicies)}
                </Typography>
              )}
              {(w.adminPolicies?.length ?? 0) > 0 && (
                <Typography variant="caption" display="block">
                  Cluster admin policies: {policyNames(w.adminPolicies ?? [])}
                </Typography>
              )}
            </TableCell>
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
        ))}
      </TableBody>
    </Table>
  );
}
