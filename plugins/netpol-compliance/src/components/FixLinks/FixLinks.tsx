import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import { useControlDocsLink } from '../../hooks/useControlDocsLink';

/**
 * Where to read how to fix a finding: the team's runbook first (when the
 * entity or its owner names one), then the control's docs.
 */
export function FixLinks(props: { control: string; runbookUrl?: string }) {
  const { control, runbookUrl } = props;
  const docsLink = useControlDocsLink()(control);
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
      {runbookUrl && (
        <Link to={runbookUrl} externalLinkIcon>
          Team runbook
        </Link>
      )}
      {docsLink && (
        <Link to={docsLink.to} externalLinkIcon={docsLink.external}>
          How to fix {control}
        </Link>
      )}
    </Box>
  );
}
