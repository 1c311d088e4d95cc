import { useEffect, useState } from 'react';
import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import { discoveryApiRef, fetchApiRef, useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';

/** The netpol-compliance fact retriever (its module's NETPOL_FACT_RETRIEVER_ID). */
const RETRIEVER = 'netpolComplianceFactRetriever';

interface CheckResult {
  check: { id: string; name: string; description: string; factIds: string[] };
  result: boolean;
}

/**
 * The demo's view of the Tech Insights integration (the community Tech
 * Insights frontend is not used here): the netpol-compliance checks of the
 * entity, run by Tech Insights on its stored facts, and those facts.
 */
export function NetpolTechInsightsCard() {
  const { entity } = useEntity();
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const [state, setState] = useState<{
    results?: CheckResult[];
    facts?: Record<string, unknown>;
    error?: string;
  }>({});
  const kind = entity.kind;
  const name = entity.metadata.name;
  const namespace = entity.metadata.namespace ?? 'default';

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const base = await discoveryApi.getBaseUrl('tech-insights');
      const ref = `${kind}:${namespace}/${name}`;
      const [checks, latest] = await Promise.all([
        fetchApi.fetch(
          `${base}/checks/run/${encodeURIComponent(namespace)}/${encodeURIComponent(kind)}/${encodeURIComponent(name)}`,
          { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' },
        ),
        fetchApi.fetch(`${base}/facts/latest?${new URLSearchParams({ entity: ref, 'ids[]': RETRIEVER })}`),
      ]);
      for (const res of [checks, latest]) if (!res.ok) throw new Error(`Tech Insights answered ${res.status}`);
      const all = (await checks.json()) as CheckResult[];
      const facts = ((await latest.json()) as Record<string, { facts?: Record<string, unknown> }>)[RETRIEVER]?.facts;
      if (!cancelled) setState({ results: all.filter(r => r.check.factIds.includes(RETRIEVER)), facts: facts ?? {} });
    })().catch(e => !cancelled && setState({ error: e instanceof Error ? e.message : String(e) }));
    return () => {
      cancelled = true;
    };
  }, [discoveryApi, fetchApi, namespace, kind, name]);

  if (state.error) return <WarningPanel title="Network policy checks unavailable" message={state.error} />;
  if (!state.results) return <Progress />;
  const fact = (id: string) => String(state.facts?.[id] ?? 'no fact yet');
  return (
    <InfoCard title="Network policy checks (Tech Insights)">
      <List dense>
        {state.results.map(r => (
          <ListItem key={r.check.id}>
            <ListItemText primary={r.check.name} secondary={r.check.description} />
            <Chip size="small" label={r.result ? 'Pass' : 'Fail'} color={r.result ? 'primary' : 'secondary'} />
          </ListItem>
        ))}
      </List>
      <Typography variant="body2" color="textSecondary">
        Namespaces mapped: {fact('namespacesMapped')}, failing: {fact('namespacesFailing')}, worst outcome:{' '}
        {fact('worstOutcome')}, unknown results: {fact('unknownCount')}; oldest report: {fact('lastScannedAt')}.
      </Typography>
    </InfoCard>
  );
}
