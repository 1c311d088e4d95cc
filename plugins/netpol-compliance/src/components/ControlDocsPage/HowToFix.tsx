import { InfoCard, Link, MarkdownContent } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { ControlDocumentation } from '../../api';
import { ControlExample } from './ControlExample';
import { failingLink, failingLinkText } from './links';

const LINK_STYLE = { marginTop: 16 };

/**
 * The remediation, an example, the organisation's own guidance if any, and
 * where on the overview the control is not met.
 */
export function HowToFix(props: {
  control: ControlDocumentation;
  overviewPath?: string;
}) {
  const { control, overviewPath } = props;
  const failing = failingLink(control, overviewPath);
  return (
    <InfoCard title="How to fix">
      <MarkdownContent content={control.remediation} />
      <ControlExample id={control.id} />
      {control.docsUrl && (
        <Typography variant="body2" style={LINK_STYLE}>
          Your organisation's guidance:{' '}
          <Link to={control.docsUrl} externalLinkIcon>
            {control.docsUrl}
          </Link>
        </Typography>
      )}
      {failing && (
        <Typography variant="body2" style={LINK_STYLE}>
          <Link to={failing}>{failingLinkText(control)}</Link>
        </Typography>
      )}
    </InfoCard>
  );
}
