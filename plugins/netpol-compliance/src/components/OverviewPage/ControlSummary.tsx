import { Link } from '@backstage/core-components';
import Card from '@material-ui/core/Card';
import MuiLink from '@material-ui/core/Link';
import CardContent from '@material-ui/core/CardContent';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { ControlDocumentation } from '../../api';
import { ControlStatus } from '../ControlStatus';
import { STATUSES, shortLabel } from '../../utils/status';
import { useControlDocsLink } from '../../hooks/useControlDocsLink';

/**
 * Per control: how many namespaces (clusters for NETPOL-002) fail, warn,
 * are unknown or pass; each count filters the table below.
 */
export function ControlSummary(props: {
  controls: ControlDocumentation[];
  byControl: Record<string, Record<string, number>>;
  onSelect: (control: string, status: string) => void;
}) {
  const { controls, byControl, onSelect } = props;
  const docsLink = useControlDocsLink();
  return (
    <Grid container spacing={2}>
      {controls.map(control => {
        const counts = byControl[control.id] ?? {};
        const unit = control.scope === 'cluster' ? 'clusters' : 'namespaces';
        const docs = docsLink(control.id);
        return (
          <Grid item xs={12} sm={6} md={4} lg={2} key={control.id}>
            <Card variant="outlined" style={{ height: '100%' }}>
              <CardContent>
                <Typography variant="overline" component="p">
                  {control.id}
                </Typography>
                <Typography variant="subtitle1" component="h3" gutterBottom>
                  {docs ? (
                    <Link to={docs.to} title={control.title}>
                      {shortLabel(control.id)}
                    </Link>
                  ) : (
                    shortLabel(control.id)
                  )}
                </Typography>
                {STATUSES.filter(s => counts[s]).map(status => (
                  <MuiLink
                    key={status}
                    component="button"
                    variant="body2"
                    onClick={() => onSelect(control.id, status)}
                    aria-label={`Show the ${counts[status]} ${unit} with outcome ${status} for ${control.id}`}
                    style={{ display: 'block', textAlign: 'left' }}
                  >
                    <ControlStatus
                      status={status}
                      label={`${counts[status]} ${status}`}
                    />
                  </MuiLink>
                ))}
                {STATUSES.every(s => !counts[s]) && (
                  <Typography variant="body2" color="textSecondary">
                    No {unit} scanned
                  </Typography>
                )}
              </CardContent>
            </Card>
          </Grid>
        );
      })}
    </Grid>
  );
}
