import TableCell from '@material-ui/core/TableCell';
import Typography from '@material-ui/core/Typography';
import type {
  PolicyRef,
  WorkloadReport,
} from '@netpol/plugin-netpol-compliance-common';
import { ControlStatus } from '../ControlStatus';
import { policyNames } from './policyNames';

/**
 * The workload, with what qualifies its row: not covered, checked from its
 * template, or also selected by other or cluster admin policies.
 */
export function WorkloadNameCell(props: { workload: WorkloadReport }) {
  const { workload: w } = props;
  return (
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
  );
}

/** The policies for one direction; none means all that traffic is allowed. */
export function Policies(props: { policies: PolicyRef[]; direction: string }) {
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
export function Reach(props: {
  open: boolean | undefined;
  what: string;
  why?: string;
}) {
  if (props.open === undefined) return <>—</>;
  return (
    <>
      {props.open ? (
        <ControlStatus
          status="warning"
          label={`Reachable from ${props.what}`}
        />
      ) : (
        <ControlStatus
          status="pass"
          label={`Not reachable from ${props.what}`}
        />
      )}
      {props.why && (
        <Typography variant="caption" display="block" color="textSecondary">
          {props.why}
        </Typography>
      )}
    </>
  );
}
