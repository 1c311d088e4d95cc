import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { NamespaceReport } from '@netpol/plugin-netpol-compliance-common';

/**
 * Objects of the namespace (policies, workloads) that the API server or
 * their CRD schema would reject, or whose fields cannot be read. They count
 * toward no control, whatever the controls say, so they are listed whenever
 * there are any: a control that passes without them must not hide that
 * something someone wrote does nothing.
 */
export function IgnoredObjects(props: { ignored: NamespaceReport['ignored'] }) {
  const { ignored } = props;
  if (!ignored?.length) return null;
  return (
    <Box component="section" mt={2} aria-label="Ignored objects">
      <Typography variant="subtitle2" component="h4">
        Ignored:{' '}
        {ignored.length === 1
          ? 'one invalid object'
          : `${ignored.length} invalid objects`}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Refused as the API server or its CRD schema would refuse them; no
        control counts them.
      </Typography>
      <ul>
        {ignored.map(({ object, problems }) => {
          const name = `${object.kind} ${
            object.namespace ? `${object.namespace}/` : ''
          }${object.name}`;
          return (
            <li key={name}>
              <Typography variant="body2">
                <strong>{name}</strong>: {problems.join('; ')}
              </Typography>
            </li>
          );
        })}
      </ul>
    </Box>
  );
}
