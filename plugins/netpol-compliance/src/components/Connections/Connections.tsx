import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  connectionReason,
  entityConnectionsSummary,
  EntityConnectionsSummary,
  EntityClusterView,
  EvaluatedConnection,
  OpenPath,
} from '@netpol/plugin-netpol-compliance-common';
import { ControlStatus } from '../ControlStatus';

const end = (e: { namespace: string; workload: string }) => `${e.namespace}/${e.workload}`;

/** One line per namespace: the set itself is in the namespace's details, beside the default deny. */
function FixSummary(props: { fixes: EntityConnectionsSummary['leastPrivilege'] }) {
  return (
    <>
      <Typography variant="h6" component="h3" style={{ marginTop: 16 }}>
        Least-privilege policies
      </Typography>
      <ul aria-label="Least-privilege policies">
        {props.fixes.map(({ cluster, namespace, fix }) => (
          <li key={`${cluster} ${namespace}`}>
            <ControlStatus
              status={fix.verified ? 'pass' : 'warning'}
              label={`${namespace} on ${cluster}: ${fix.verified ? 'verified' : 'not verified'}`}
            />{' '}
            the YAML and its verification are in the namespace's details (Fix or Details in the table above).
          </li>
        ))}
      </ul>
    </>
  );
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
            <TableCell>{connectionReason(c)}</TableCell>
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
 * open without a declared reason, and whether each namespace's
 * least-privilege set verified.
 */
export function Connections(props: { entityRef: string; clusters: EntityClusterView[] }) {
  const s = entityConnectionsSummary(props.entityRef, props.clusters);
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
        {s.connections.length > 0 && (
          <Box overflow="auto" mt={2}>
            <DeclaredTable rows={s.connections} />
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
        {s.leastPrivilege.length > 0 && <FixSummary fixes={s.leastPrivilege} />}
      </Box>
    </InfoCard>
  );
}
