import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { LeastPrivilegeFix as Fix, OpenPath } from '@netpol/plugin-netpol-compliance-common';
import { ControlStatus } from '../ControlStatus';
import { Remediation } from '../Remediation';

/** `kubectl delete` for the policies a set replaces: `apply` adds and overwrites, it never deletes. */
export function kubectlDeleteCommand(namespace: string, names: string[]): string {
  return `kubectl delete networkpolicy -n ${namespace} ${names.join(' ')}`;
}

function declaredLine(fix: Fix): string {
  if (!fix.declared.length) return 'No declared connection has an end in this namespace';
  const allowed = fix.declared.filter(d => d.allowed).length;
  return `${allowed} of ${fix.declared.length} declared connections allowed`;
}

/** What a replaced policy lets in today, from the namespace's open but undeclared paths. */
function letsInToday(namespace: string, name: string, openPaths: OpenPath[]): string {
  const id = `${namespace}/${name}`;
  const paths = openPaths.filter(o => o.policies.includes(id)).map(o => `${o.source} to ${o.to.workload}`);
  return paths.length ? `; today it lets in ${[...new Set(paths)].join(', ')}` : '';
}

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
    <Box component="section" aria-label={`Least-privilege policies for ${where}`} mt={2}>
      <Typography variant="subtitle2" component="h4">
        Least-privilege policies: default deny plus exactly what the catalog declares
      </Typography>
      <Typography variant="body2" component="div">
        <ControlStatus
          status={fix.verified ? 'pass' : 'warning'}
          label={fix.verified ? 'Verified with these policies applied' : 'Not verified'}
        />
      </Typography>
      <ul aria-label={`Verification for ${where}`}>
        <li>{declaredLine(fix)}</li>
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
      {replaces.length > 0 && (
        <>
          <Typography variant="body2">
            Replaces these policies of {namespace} (the verification assumes they are deleted):
          </Typography>
          <ul aria-label={`Policies replaced in ${where}`}>
            {replaces.map(r => (
              <li key={r.name}>
                <code>{r.name}</code>: {r.why}
                {letsInToday(namespace, r.name, openPaths)}
              </li>
            ))}
          </ul>
          <Typography variant="body2">
            Delete them: <code>{kubectlDeleteCommand(namespace, replaces.map(r => r.name))}</code>
          </Typography>
        </>
      )}
      {overwrites.length > 0 && (
        <Typography variant="body2">
          Overwrites {overwrites.map(r => r.name).join(', ')} (the same name).
        </Typography>
      )}
      <Remediation
        namespace={namespace}
        yaml={fix.yaml}
        title="Apply these policies"
        advice="Every connection the catalog declares stays allowed; anything else from outside the namespace is denied. A connection your workloads need that the catalog does not declare (an ingress controller, monitoring) will stop: declare it in the catalog, then take the new set."
      />
    </Box>
  );
}
