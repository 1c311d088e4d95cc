import { CodeSnippet } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { kubectlCommand } from '../Remediation';
import { EXAMPLE_NAMESPACE, exampleFor } from './examples';

/**
 * The example fix for a control, if it has one; a manifest comes with how
 * to apply it to one's own namespace.
 */
export function ControlExample(props: { id: string }) {
  const example = exampleFor(props.id);
  if (!example) return null;
  return (
    <>
      <Typography variant="subtitle2" component="h3" gutterBottom>
        Example
      </Typography>
      <CodeSnippet
        language={example.language}
        text={example.text}
        showCopyCodeButton
      />
      {example.language === 'yaml' && (
        <Typography variant="body2">
          Replace {EXAMPLE_NAMESPACE} with your namespace and apply it with{' '}
          <code>{kubectlCommand(EXAMPLE_NAMESPACE)}</code>. The Network policy
          tab of your component shows the YAML generated for its own namespaces.
        </Typography>
      )}
    </>
  );
}
