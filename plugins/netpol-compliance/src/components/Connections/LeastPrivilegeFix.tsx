import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type {
  LeastPrivilegeFix as Fix,
  OpenPath,
} from '@netpol/plugin-netpol-compliance-common';
import { ControlStatus } from '../ControlStatus';
import { Remediation } from '../Remediation';
import { ReplacedPolicies } from './ReplacedPolicies';
import { VerificationList } from './VerificationList';

/**
 * The least-privilege set of one namespace, with how it was verified shown
 * before the YAML: people apply what they have seen checked. The policies
 * it replaces are named with what deleting them closes: `kubectl apply`
 * never deletes, and a set applied beside a policy that lets everyone in
 * isolates nothing.
 */
export function LeastPrivilegeFix(props: {
  cluster?: string;
  namespace: string;
  fix: Fix;
  /** The namespace's open but undeclared paths, to say what each replaced policy lets in. */
  openPaths?: OpenPath[];
}) {
  const { cluster, namespace, fix, openPaths = [] } = props;
  const where = cluster ? `${namespace} on ${cluster}` : namespace;
  const replaces = (fix.replaces ?? []).filter(r => r.action !== 'overwrite');
  const overwrites = (fix.replaces ?? []).filter(r => r.action === 'overwrite');
  return (
    <Box
      component="section"
      aria-label={`Least-privilege policies for ${where}`}
      mt={2}
    >
      <Typography variant="subtitle2" component="h4">
        Least-privilege policies: default deny plus exactly what the catalog
        declares
      </Typography>
      <Typography variant="body2" component="div">
        <ControlStatus
          status={fix.verified ? 'pass' : 'warning'}
          label={
            fix.verified
              ? 'Verified with these policies applied'
              : 'Not verified'
          }
        />
      </Typography>
      <VerificationList fix={fix} where={where} />
      <ReplacedPolicies
        namespace={namespace}
        where={where}
        replaces={replaces}
        overwrites={overwrites}
        openPaths={openPaths}
      />
      <Remediation
        namespace={namespace}
        yaml={fix.yaml}
        title="Apply these policies"
        advice="Every connection the catalog declares stays allowed; anything else from outside the namespace is denied. A connection your workloads need that the catalog does not declare (an ingress controller, monitoring) will stop: declare it in the catalog, then take the new set."
      />
    </Box>
  );
}
