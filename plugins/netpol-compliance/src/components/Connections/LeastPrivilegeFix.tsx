import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { LeastPrivilegeFix as Fix } from '@netpol/plugin-netpol-compliance-common';
import { ControlStatus } from '../ControlStatus';
import { Remediation } from '../Remediation';

/**
 * The least-privilege set of one namespace, with how it was verified shown
 * before the YAML: people apply what they have seen checked.
 */
export function LeastPrivilegeFix(props: { cluster: string; namespace: string; fix: Fix }) {
  const { cluster, namespace, fix } = props;
  const allowed = fix.declared.filter(d => d.allowed).length;
  return (
    <Box component="section" aria-label={`Least-privilege policies for ${namespace} on ${cluster}`} mt={2}>
      <Typography variant="subtitle1" component="h3">
        Least-privilege policies for {namespace} ({cluster})
      </Typography>
      <Typography variant="body2" component="div">
        <ControlStatus
          status={fix.verified ? 'pass' : 'warning'}
          label={fix.verified ? 'Verified with these policies added' : 'Not verified'}
        />
      </Typography>
      <ul aria-label={`Verification for ${namespace}`}>
        <li>
          {allowed} of {fix.declared.length} declared connections allowed
        </li>
        <li>
          Namespace controls:{' '}
          {fix.controls.map(c => `${c.control} ${c.status}`).join(', ') || 'not evaluated'}
        </li>
        {fix.problems.map(p => (
          <li key={p}>{p}</li>
        ))}
        {(fix.otherSide ?? []).map(p => (
          <li key={p}>{p}</li>
        ))}
        {fix.notes.map(n => (
          <li key={n}>Note: {n}</li>
        ))}
      </ul>
      <Remediation
        namespace={namespace}
        yaml={fix.yaml}
        title="Default deny plus exactly the declared connections"
      />
    </Box>
  );
}
