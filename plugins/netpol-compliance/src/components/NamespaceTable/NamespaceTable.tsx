import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import { NamespaceTableHeader } from './NamespaceTableHeader';
import { NamespaceTableRow } from './NamespaceTableRow';
import { detailsId, NamespaceRow, rowKey } from './rows';
import { useNamespaceTableStyles } from './styles';
import { useExpanded } from './useExpanded';

export type { NamespaceRow } from './rows';

/**
 * One row per cluster and namespace, one column per namespace control
 * (outcome as icon and text), the reasons, and a row expansion with the
 * evidence and the fix.
 */
export function NamespaceTable(props: {
  rows: NamespaceRow[];
  runbookUrl?: string;
}) {
  const { rows, runbookUrl } = props;
  const classes = useNamespaceTableStyles();
  const { isOpen, toggle } = useExpanded();
  return (
    <Table
      size="small"
      className={classes.table}
      aria-label="Network policy compliance per namespace"
    >
      <NamespaceTableHeader />
      <TableBody>
        {rows.map(row => {
          const key = rowKey(row);
          return (
            <NamespaceTableRow
              key={key}
              row={row}
              open={isOpen(key)}
              detailsId={detailsId(key)}
              onToggle={() => toggle(key)}
              runbookUrl={runbookUrl}
            />
          );
        })}
      </TableBody>
    </Table>
  );
}
