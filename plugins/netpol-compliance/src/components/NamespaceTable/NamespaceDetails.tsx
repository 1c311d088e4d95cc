import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  getControl,
  NamespaceReport,
} from '@netpol/plugin-netpol-compliance-common';
import { ControlStatus } from '../ControlStatus';
import {
  IgnoredObjects,
  PolicyList,
  ResultEvidence,
  WorkloadsTable,
} from '../Evidence';
import { LeastPrivilegeFix } from '../Connections/LeastPrivilegeFix';
import { FixLinks } from '../FixLinks';
import { Remediation } from '../Remediation';
import { compareSeverity, needsAction, shortLabel } from '../../utils/status';
import { UNKNOWN_HINT } from './hints';

const useStyles = makeStyles(theme => ({
  finding: {
    display: 'grid',
    gridTemplateColumns: 'minmax(120px, max-content) 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  section: {
    marginTop: theme.spacing(2),
  },
}));

/** Everything behind one namespace row: findings, fix, workloads, policies. */
export function NamespaceDetails(props: {
  report: NamespaceReport;
  /** The cluster's title, to name the fix (absent where one cluster is shown). */
  cluster?: string;
  runbookUrl?: string;
}) {
  const { report, cluster, runbookUrl } = props;
  const classes = useStyles();
  const results = [...report.results].sort(
    (a, b) =>
      compareSeverity(a.status, b.status) || a.control.localeCompare(b.control),
  );
  const failing = results.filter(r => needsAction(r.status));
  return (
    <Box py={1}>
      {report.exemption && (
        <Typography variant="body2" paragraph>
          This namespace is exempt: {report.exemption.reason}
        </Typography>
      )}
      <Typography variant="subtitle2" component="h4">
        Findings
      </Typography>
      {results.map(result => {
        const control = getControl(result.control);
        return (
          <div className={classes.finding} key={result.control}>
            <ControlStatus status={result.status} />
            <div>
              <Typography variant="body2">
                <strong>
                  {result.control}{' '}
                  {control?.title ?? shortLabel(result.control)}
                </strong>
                : {result.reason}
              </Typography>
              <ResultEvidence evidence={result.evidence} />
              {result.status === 'unknown' && (
                <Typography variant="body2" color="textSecondary">
                  {UNKNOWN_HINT}
                </Typography>
              )}
              {needsAction(result.status) && (
                <FixLinks control={result.control} runbookUrl={runbookUrl} />
              )}
            </div>
          </div>
        );
      })}
      <IgnoredObjects ignored={report.ignored} />
      {failing.length > 0 && report.remediation && (
        <div className={classes.section}>
          <Remediation namespace={report.namespace} yaml={report.remediation} />
        </div>
      )}
      {report.leastPrivilege && (
        <div className={classes.section}>
          <LeastPrivilegeFix
            cluster={cluster}
            namespace={report.namespace}
            fix={report.leastPrivilege}
            openPaths={(report.connections ?? []).flatMap(c => c.openButUndeclared)}
          />
        </div>
      )}
      {!report.leastPrivilege && report.leastPrivilegeOmitted && (
        <Typography variant="body2" color="textSecondary" className={classes.section}>
          No least-privilege policies for this namespace in this scan: {report.leastPrivilegeOmitted}.
          The command line writes them: <code>netpol-compliance remediate {report.namespace} --catalog
          catalog-info.yaml &lt;manifests&gt;</code>.
        </Typography>
      )}
      <div className={classes.section}>
        <Typography variant="subtitle2" component="h4" gutterBottom>
          Workloads and the policies that select them
        </Typography>
        <WorkloadsTable workloads={report.workloads} />
      </div>
      <div className={classes.section}>
        <Typography variant="subtitle2" component="h4" gutterBottom>
          Policies in {report.namespace}
        </Typography>
        <PolicyList policies={report.policies} />
      </div>
    </Box>
  );
}
