import { useParams } from 'react-router-dom';
import {
  CodeSnippet,
  Content,
  ContentHeader,
  EmptyState,
  InfoCard,
  Link,
  MarkdownContent,
  Progress,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useControls } from '../../hooks/useControls';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { rootRouteRef } from '../../routes';
import { kubectlCommand } from '../Remediation';
import { exampleFor, EXAMPLE_NAMESPACE } from './examples';
import type { ControlScope } from '@netpol/plugin-netpol-compliance-common';

function useOverviewPath(): string | undefined {
  return useOptionalRouteRef(rootRouteRef)?.();
}

/** What a control is checked for, by its scope. */
const SCOPE_WORDS: Record<ControlScope, string> = {
  cluster: 'each cluster',
  namespace: 'each namespace',
  entity:
    'each catalog entity, for the connections the catalog declares for it',
};

/**
 * What a control checks, why, where frameworks name it, and how to fix it.
 *
 * @public
 */
export function ControlDocsPage(props: { id?: string }) {
  const params = useParams();
  const id = (props.id ?? params.id ?? '').toUpperCase();
  const { get, loading, controls } = useControls();
  const overviewPath = useOverviewPath();
  const control = get(id);

  if (!control) {
    if (loading) return <Progress />;
    return (
      <Content>
        <EmptyState
          missing="info"
          title={`There is no control ${id || '(none given)'}`}
          description={
            <>
              Known controls:{' '}
              {controls.map((c, i) => (
                <span key={c.id}>
                  {i > 0 && ', '}
                  {overviewPath ? (
                    <Link to={`${overviewPath}/controls/${c.id}`}>{c.id}</Link>
                  ) : (
                    c.id
                  )}
                </span>
              ))}
            </>
          }
        />
      </Content>
    );
  }

  const example = exampleFor(control.id);
  // The overview lists namespaces and clusters; an entity control's
  // findings are on each entity's tab.
  const failingLink =
    overviewPath && control.scope !== 'entity'
      ? `${overviewPath}?control=${encodeURIComponent(control.id)}&status=${
          control.failStatus
        }`
      : undefined;

  return (
    <Content>
      <ContentHeader title={`${control.id}: ${control.title}`} />
      <Grid container spacing={3}>
        <Grid item xs={12} md={8}>
          <InfoCard title="What it checks">
            <Typography variant="body1" paragraph>
              {control.passes}
            </Typography>
            <Typography variant="body2" color="textSecondary">
              Scope: {SCOPE_WORDS[control.scope]}. When it is not met the
              outcome is {control.failStatus}; when the scan could not read what
              it needs, unknown (never pass).
              {control.scope === 'entity' &&
                ' Its findings are shown per entity, in the Connections section of its Network policy tab, not on the overview.'}
            </Typography>
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={4}>
          <InfoCard title="Framework mappings">
            <Table size="small" aria-label="Framework mappings">
              <TableHead>
                <TableRow>
                  <TableCell>Framework</TableCell>
                  <TableCell>Item</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {control.frameworks.map(f => (
                  <TableRow key={`${f.framework}/${f.id}`}>
                    <TableCell>{f.framework}</TableCell>
                    <TableCell>
                      {f.id}
                      {f.title ? ` ${f.title}` : ''}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard title="Why it matters">
            <Typography variant="body1">{control.rationale}</Typography>
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard title="How to fix">
            <MarkdownContent content={control.remediation} />
            {example && (
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
                    Replace {EXAMPLE_NAMESPACE} with your namespace and apply it
                    with <code>{kubectlCommand(EXAMPLE_NAMESPACE)}</code>. The
                    Network policy tab of your component shows the YAML
                    generated for its own namespaces.
                  </Typography>
                )}
              </>
            )}
            {control.docsUrl && (
              <Typography variant="body2" style={{ marginTop: 16 }}>
                Your organisation's guidance:{' '}
                <Link to={control.docsUrl} externalLinkIcon>
                  {control.docsUrl}
                </Link>
              </Typography>
            )}
            {failingLink && (
              <Typography variant="body2" style={{ marginTop: 16 }}>
                <Link to={failingLink}>
                  See every{' '}
                  {control.scope === 'cluster' ? 'cluster' : 'namespace'} where{' '}
                  {control.id}{' '}
                  {control.failStatus === 'fail' ? 'fails' : 'warns'}
                </Link>
              </Typography>
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard title="References">
            <ul>
              {control.references.map(ref => (
                <li key={ref}>
                  <Link to={ref} externalLinkIcon>
                    {ref}
                  </Link>
                </li>
              ))}
            </ul>
          </InfoCard>
        </Grid>
      </Grid>
    </Content>
  );
}
