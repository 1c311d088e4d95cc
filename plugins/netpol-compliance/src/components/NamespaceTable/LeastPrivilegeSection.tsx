import Typography from '@material-ui/core/Typography';
import type { NamespaceReport } from '@netpol/plugin-netpol-compliance-common';
import { LeastPrivilegeFix } from '../Connections/LeastPrivilegeFix';
import { useDetailsStyles } from './detailsStyles';

/**
 * The least-privilege policies for the namespace; when the scan left them
 * out, why, and how the command line writes them instead.
 */
export function LeastPrivilegeSection(props: {
  report: NamespaceReport;
  cluster?: string;
}) {
  const { report, cluster } = props;
  const classes = useDetailsStyles();
  if (report.leastPrivilege) {
    return (
      <div className={classes.section}>
        <LeastPrivilegeFix
          cluster={cluster}
          namespace={report.namespace}
          fix={report.leastPrivilege}
          openPaths={(report.connections ?? []).flatMap(
            c => c.openButUndeclared,
          )}
        />
      </div>
    );
  }
  if (!report.leastPrivilegeOmitted) return null;
  return (
    <Typography
      variant="body2"
      color="textSecondary"
      className={classes.section}
    >
      No least-privilege policies for this namespace in this scan:{' '}
      {report.leastPrivilegeOmitted}. The command line writes them:{' '}
      <code>
        netpol-compliance remediate {report.namespace} --catalog
        catalog-info.yaml &lt;manifests&gt;
      </code>
      .
    </Typography>
  );
}
