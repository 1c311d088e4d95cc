import { CodeSnippet, EmptyState } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  ANNOTATION_KUBERNETES_CLUSTER,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_KUBERNETES_NAMESPACE,
} from '@netpol/plugin-netpol-compliance-common';

export function annotationExample(entityName: string): string {
  return [
    'metadata:',
    '  annotations:',
    `    # Pods labelled backstage.io/kubernetes-id=${entityName}`,
    `    ${ANNOTATION_KUBERNETES_ID}: ${entityName}`,
    '    # or any label selector:',
    `    # ${ANNOTATION_KUBERNETES_LABEL_SELECTOR}: 'app=${entityName}'`,
    '    # or name the namespaces (comma separated):',
    `    # ${ANNOTATION_KUBERNETES_NAMESPACE}: ${entityName}`,
    '    # optional, to limit the clusters (comma separated):',
    `    # ${ANNOTATION_KUBERNETES_CLUSTER}: production`,
    '',
  ].join('\n');
}

/**
 * The entity does not say which namespaces are its own: show the
 * annotations that would, ready to paste into catalog-info.yaml.
 */
export function NotMappedState(props: { entityName: string; reason?: string }) {
  const { entityName, reason } = props;
  return (
    <EmptyState
      missing="field"
      title="This entity is not mapped to Kubernetes namespaces"
      description={
        <>
          {reason && (
            <Typography
              variant="body1"
              component="span"
              display="block"
              paragraph
            >
              {reason}
            </Typography>
          )}
          <Typography
            variant="body1"
            component="span"
            display="block"
            paragraph
          >
            Network policy compliance is checked for the namespaces an entity
            runs in. Add one of <code>{ANNOTATION_KUBERNETES_ID}</code>,{' '}
            <code>{ANNOTATION_KUBERNETES_LABEL_SELECTOR}</code> or{' '}
            <code>{ANNOTATION_KUBERNETES_NAMESPACE}</code> to the entity's{' '}
            <code>catalog-info.yaml</code>; the same annotations drive the
            Kubernetes tab.
          </Typography>
        </>
      }
      action={
        <Box maxWidth={640}>
          <CodeSnippet
            language="yaml"
            text={annotationExample(entityName)}
            showCopyCodeButton
          />
        </Box>
      }
    />
  );
}
