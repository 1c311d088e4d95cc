import Typography from '@material-ui/core/Typography';
import type { EntityClusterView } from '@netpol/plugin-netpol-compliance-common';
import { ResultEvidence } from '../Evidence';
import { FixLinks } from '../FixLinks';
import { clusterErrorHint, UNKNOWN_HINT } from '../NamespaceTable/hints';
import { needsAction } from '../../utils/status';
import { ENFORCER_CONTROL } from './ClusterHeaderCells';

type EnforcerResult = EntityClusterView['results'][number];

/** Why a cluster could not be scanned, and what to check. */
function ScanError(props: { view: EntityClusterView }) {
  const { view } = props;
  return (
    <>
      <Typography variant="body2">
        {view.error ?? 'No report for this cluster.'}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {clusterErrorHint(view.cluster.name)}
      </Typography>
    </>
  );
}

/**
 * The enforcer check's reason and evidence; without enforcement, that the
 * entity's policies do nothing there, and how the platform team fixes it.
 */
function EnforcerReason(props: {
  enforcer?: EnforcerResult;
  runbookUrl?: string;
}) {
  const { enforcer, runbookUrl } = props;
  return (
    <>
      <Typography variant="body2">
        {enforcer?.reason ?? 'The enforcer was not checked.'}
      </Typography>
      <ResultEvidence evidence={enforcer?.evidence} />
      {enforcer?.status === 'unknown' && (
        <Typography variant="body2" color="textSecondary">
          {UNKNOWN_HINT}
        </Typography>
      )}
      {enforcer && needsAction(enforcer.status) && (
        <>
          <Typography variant="body2" color="textSecondary">
            Your policies have no effect on this cluster until the platform team
            enables enforcement.
          </Typography>
          <FixLinks control={ENFORCER_CONTROL} runbookUrl={runbookUrl} />
        </>
      )}
    </>
  );
}

/** The Reason column: the scan error, or the enforcer check. */
export function ClusterReason(props: {
  view: EntityClusterView;
  enforcer?: EnforcerResult;
  runbookUrl?: string;
}) {
  const { view, enforcer, runbookUrl } = props;
  return view.state === 'error' ? (
    <ScanError view={view} />
  ) : (
    <EnforcerReason enforcer={enforcer} runbookUrl={runbookUrl} />
  );
}
