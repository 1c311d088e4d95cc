import Typography from '@material-ui/core/Typography';
import type {
  LeastPrivilegeFix as Fix,
  OpenPath,
} from '@netpol/plugin-netpol-compliance-common';
import { kubectlDeleteCommand, letsInToday } from './leastPrivilegeText';

type Replaced = NonNullable<Fix['replaces']>[number];

/**
 * The policies the set replaces, with what each lets in today and the
 * command that deletes them; same-name ones are overwritten, not deleted.
 */
export function ReplacedPolicies(props: {
  namespace: string;
  where: string;
  replaces: Replaced[];
  overwrites: Replaced[];
  openPaths: OpenPath[];
}) {
  const { namespace, where, replaces, overwrites, openPaths } = props;
  return (
    <>
      {replaces.length > 0 && (
        <>
          <Typography variant="body2">
            Replaces these policies of {namespace} (the verification assumes
            they are deleted):
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
            Delete them:{' '}
            <code>
              {kubectlDeleteCommand(
                namespace,
                replaces.map(r => r.name),
              )}
            </code>
          </Typography>
        </>
      )}
      {overwrites.length > 0 && (
        <Typography variant="body2">
          Overwrites {overwrites.map(r => r.name).join(', ')} (the same name).
        </Typography>
      )}
    </>
  );
}
