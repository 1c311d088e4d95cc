import { CodeSnippet, CopyTextButton } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

export function kubectlCommand(namespace: string): string {
  return `kubectl apply -n ${namespace} -f -`;
}

/** The command with the YAML inlined, for a single paste into a shell. */
export function kubectlHeredoc(namespace: string, yaml: string): string {
  return `${kubectlCommand(namespace)} <<'EOF'\n${yaml.trimEnd()}\nEOF\n`;
}

/**
 * The generated fix for a namespace: YAML to copy, and how to apply it.
 */
const DEFAULT_DENY_ADVICE =
  "A default deny drops all traffic that no policy allows: add policies for the traffic your workloads need (or check them in a staging namespace) before you apply it in production. Commit it where your namespace's manifests live if you deploy with GitOps.";

export function Remediation(props: {
  namespace: string;
  yaml: string;
  title?: string;
  /** What to know before applying (default: the default deny's warning). */
  advice?: string;
}) {
  const { namespace, yaml, title = 'Apply this to fix it', advice = DEFAULT_DENY_ADVICE } = props;
  return (
    <Box component="section" aria-label={`Fix for ${namespace}`} mt={1}>
      <Typography variant="subtitle2" component="h4">
        {title}
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        {advice}
      </Typography>
      <CodeSnippet language="yaml" text={yaml} showCopyCodeButton />
      <Box display="flex" alignItems="center" mt={1} style={{ gap: 8 }}>
        <Typography variant="body2">
          Apply: <code>{kubectlCommand(namespace)}</code>, paste the YAML, then
          press Ctrl-D. Or copy the whole command:
        </Typography>
        <CopyTextButton
          text={kubectlHeredoc(namespace, yaml)}
          aria-label={`Copy kubectl command for ${namespace}`}
          tooltipText="Command copied"
        />
      </Box>
    </Box>
  );
}
