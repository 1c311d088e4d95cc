import { InfoCard } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { ControlDocumentation } from '../../api';

/** Where compliance frameworks name the control, one row per item. */
export function FrameworkMappings(props: {
  frameworks: ControlDocumentation['frameworks'];
}) {
  return (
    <InfoCard title="Framework mappings">
      <Table size="small" aria-label="Framework mappings">
        <TableHead>
          <TableRow>
            <TableCell>Framework</TableCell>
            <TableCell>Item</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.frameworks.map(f => (
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
  );
}
