import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { NamespaceReport } from '@netpol/plugin-netpol-compliance-common';
import { IgnoredObjects, PolicyList, WorkloadsTable } from '../Evidence';
import { Remediation } from '../Remediation';
import { needsAction } from '../../utils/status';
import { useDetailsStyles } from './detailsStyles';
import { Finding } from './Finding';
import { findingsInOrder } from './findings';
import { LeastPrivilegeSection } from './LeastPrivilegeSection';

/** Everything behind one namespace row: findings, fix, workloads, policies. */
export function NamespaceDetails(props: {
  report: NamespaceReport;
  /** The cluster's title, to name the fix (absent where one cluster is shown). */
  cluster?: string;
  runbookUrl?: string;
}) {
  const { report, cluster, runbookUrl } = props;
  const classes = useDetailsStyles();
  const results = findingsInOrder(report);
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
      {results.map(result => (
        <Finding key={result.control} result={result} runbookUrl={runbookUrl} />
      ))}
      <IgnoredObjects ignored={report.ignored} />
      {failing.length > 0 && report.remediation && (
        <div className={classes.section}>
          <Remediation namespace={report.namespace} yaml={report.remediation} />
        </div>
      )}
      <LeastPrivilegeSection report={report} cluster={cluster} />
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
