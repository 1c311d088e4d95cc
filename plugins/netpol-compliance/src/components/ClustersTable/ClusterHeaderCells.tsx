import TableCell from '@material-ui/core/TableCell';

/** The control whose result the enforcer column shows. */
export const ENFORCER_CONTROL = 'NETPOL-002';

/**
 * The columns every table of clusters starts with (the entity's clusters,
 * the overview's summary), so that the two name them alike.
 */
export function ClusterHeaderCells() {
  return (
    <>
      <TableCell>Cluster</TableCell>
      <TableCell>Last scan</TableCell>
      <TableCell>Network policy enforcer ({ENFORCER_CONTROL})</TableCell>
    </>
  );
}
