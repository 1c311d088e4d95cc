import Typography from '@material-ui/core/Typography';
import type { NamespaceReport } from '@netpol/plugin-netpol-compliance-common';
import { shortLabel } from '../../utils/status';
import { notPassing } from './rows';
import { useNamespaceTableStyles } from './styles';

/** Why a namespace row is not passing, in a line. */
export function Reasons(props: { report: NamespaceReport }) {
  const classes = useNamespaceTableStyles();
  const { report } = props;
  if (report.exemption) return <>Exempt: {report.exemption.reason}</>;
  const findings = notPassing(report);
  if (findings.length === 0) return <>All controls pass.</>;
  // The row shows the most severe finding; all of them, with evidence, are
  // one click away in the details, so rows stay scannable.
  const [first, ...rest] = findings;
  return (
    <Typography variant="body2" className={classes.reasons}>
      {shortLabel(first.control)}: {first.reason}
      {rest.length > 0 && (
        <>
          {' '}
          <em>
            (and {rest.length} more:{' '}
            {rest.map(r => shortLabel(r.control)).join(', ')})
          </em>
        </>
      )}
    </Typography>
  );
}
