import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  entityConnectionsSummary,
  EntityClusterView,
  EvaluatedConnection,
  OpenPath,
} from '@netpol/plugin-netpol-compliance-common';
import { ControlStatus } from '../ControlStatus';
import { LeastPrivilegeFix } from './LeastPrivilegeFix';

const end = (e: { namespace: string; workload: string }) => `${e.namespace}/${e.workload}`;

/** The side that decided, in its own words. */
function why(c: EvaluatedConnection): string {
  const r = c.result;
  if (r.allowed) return r.ingress.reason;
  return (r.egress.allowed ? r.ingress : r.egress).reason;
}

function DeclaredTable(props: { rows: Array<EvaluatedConnection & { cluster: string }> }) {
  return (
    <Table size="small" aria-label="Declared connections">
      <TableHead>
        <TableRow>
          <TableCell>Verdict</TableCell>
          <TableCell>From</TableCell>
          <TableCell>To</TableCell>
          <TableCell>Declared by</TableCell>
          <TableCell>Cluster</TableCell>
          <TableCell>Why</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map(c => (
          <TableRow key={`${c.cluster} ${end(c.from)} ${end(c.to)}`}>
            <TableCell>
              <ControlStatus
                status={c.verdict === 'blocked' ? 'fail' : 'pass'}
                label={c.verdict === 'blocked' ? 'Blocked' : 'Allowed'}
              />
            </TableCell>
            <TableCell>{end(c.from)}</TableCell>
            <TableCell>{c.connection.to === 'cluster-dns' ? `${end(c.to)} (DNS)` : end(c.to)}</TableCell>
            <TableCell>{c.connection.because.join('; ')}</TableCell>
            <TableCell>{c.cluster}</TableCell>
            <TableCell>{why(c)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function OpenList(props: { paths: Array<OpenPath & { cluster: string }> }) {
  return (
    <ul aria-label="Open but undeclared">
      {props.paths.map(p => (
        <li key={`${p.cluster} ${p.source} ${end(p.to)}`}>
          <strong>{p.source}</strong>
          {p.workloads.length ? ` (${p.workloads.slice(0, 3).join(', ')}${p.workloads.length > 3 ? ` and ${p.workloads.length - 3} more` : ''})` : ''}{' '}
          can reach {end(p.to)} on {p.cluster}:{' '}
          {p.policies.length ? `let in by ${p.policies.join(', ')}` : 'no policy isolates it'}
        </li>
      ))}
    </ul>
  );
}

/**
 * What the catalog says this entity talks to, checked against the
 * policies: blocked declared connections (NETPOL-007), allowed ones, what is
 * open without a declared reason, and the least-privilege Fix per namespace.
 */
export function Connections(props: { entityRef: string; clusters: EntityClusterView[] }) {
  const s = entityConnectionsSummary(props.entityRef, props.clusters);
  const evaluated = s.items.flatMap(i => i.connections.connections.map(c => ({ ...c, cluster: i.cluster })));
  const seen = new Set<string>();
  const rows = evaluated
    .filter(c => {
      const k = `${c.cluster} ${end(c.from)} ${end(c.to)}`;
      return seen.has(k) ? false : (seen.add(k), true);
    })
    // Blocked first: the finding people came for.
    .sort((a, b) => Number(b.verdict === 'blocked') - Number(a.verdict === 'blocked'));
  const fixes = props.clusters.flatMap(c =>
    c.namespaces.flatMap(ns => (ns.leastPrivilege ? [{ cluster: c.cluster.name, namespace: ns.namespace, fix: ns.leastPrivilege }] : [])),
  );
  const incomplete = s.items.some(i => i.connections.openPathsIncomplete);
  return (
    <InfoCard
      title="Connections"
      subheader="What the catalog declares (dependsOn, consumed and provided APIs, DNS), checked against the policies on every cluster where both ends run."
    >
      <Box component="section" aria-label="Connections">
        <Typography variant="body1" component="div">
          <ControlStatus status={s.status} label={`NETPOL-007: ${s.reason}`} />
        </Typography>
        {rows.length > 0 && (
          <Box overflow="auto" mt={2}>
            <DeclaredTable rows={rows} />
          </Box>
        )}
        <Typography variant="h6" component="h3" style={{ marginTop: 16 }}>
          Open but undeclared
        </Typography>
        {s.openButUndeclared.length > 0 ? (
          <OpenList paths={s.openButUndeclared} />
        ) : (
          <Typography variant="body2">
            {s.status === 'unknown'
              ? 'Not checked yet.'
              : 'No other namespace and no address outside the cluster can reach these workloads without a declared relation.'}
          </Typography>
        )}
        {incomplete && (
          <Typography variant="body2" color="textSecondary">
            The scan reached its budget of checks: this list may be incomplete.
          </Typography>
        )}
        {fixes.map(f => (
          <LeastPrivilegeFix key={`${f.cluster} ${f.namespace}`} {...f} />
        ))}
      </Box>
    </InfoCard>
  );
}
