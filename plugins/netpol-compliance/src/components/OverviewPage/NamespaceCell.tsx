import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import type { OverviewRow } from '@netpol/plugin-netpol-compliance-common';
import { useEntityPathFunc } from '../../hooks/useEntityPath';

/**
 * The namespace, linked to the tab of the first entity mapped to it, and
 * every such entity below it.
 */
export function NamespaceCell(props: { row: OverviewRow; tabPath: string }) {
  const { row, tabPath } = props;
  const entityPath = useEntityPathFunc();
  const [first, ...others] = row.entities;
  return (
    <>
      {first && entityPath ? (
        <Link to={`${entityPath(first)}/${tabPath}`}>
          <strong>{row.namespace}</strong>
        </Link>
      ) : (
        <strong>{row.namespace}</strong>
      )}
      {first ? (
        <Typography variant="caption" display="block">
          {[first, ...others].map((ref, i) => (
            <span key={ref}>
              {i > 0 && ', '}
              <EntityRefLink entityRef={ref} hideIcon />
            </span>
          ))}
        </Typography>
      ) : (
        <Typography variant="caption" display="block" color="textSecondary">
          No catalog entity maps here
        </Typography>
      )}
    </>
  );
}
