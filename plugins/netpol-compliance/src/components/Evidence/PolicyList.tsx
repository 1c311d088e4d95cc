import { useState } from 'react';
import { CodeSnippet } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import type { PolicySummary } from '@netpol/plugin-netpol-compliance-common';

/**
 * Where a policy sits in the evaluation order: the network-policy API kinds
 * by tier and priority (lower first), Calico policies by `order`.
 */
export function policyPlace(policy: PolicySummary): string | undefined {
  if (policy.tier) {
    const priority =
      policy.priority !== undefined ? `, priority ${policy.priority}` : '';
    const when =
      policy.tier === 'Admin'
        ? 'before NetworkPolicies'
        : 'after NetworkPolicies';
    return `${policy.tier} tier${priority}, evaluated ${when}`;
  }
  if (policy.priority !== undefined) return `order ${policy.priority}`;
  return undefined;
}

function PolicyItem(props: { policy: PolicySummary }) {
  const { policy } = props;
  const [open, setOpen] = useState(false);
  const place = policyPlace(policy);
  const name = `${policy.kind} ${
    policy.namespace ? `${policy.namespace}/` : ''
  }${policy.name}`;
  return (
    <Box component="li" mb={1}>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <Typography variant="body2" component="span">
          <strong>{name}</strong>
          {policy.clusterWide && ' (cluster-wide)'}
          {place && ` (${place})`}
          {policy.policyTypes.length > 0 &&
            ` (isolates ${policy.policyTypes.join(' and ').toLowerCase()})`}
        </Typography>
        {policy.yaml && (
          <Button
            size="small"
            aria-expanded={open}
            onClick={() => setOpen(o => !o)}
          >
            {open ? 'Hide YAML' : 'Show YAML'}
          </Button>
        )}
      </Box>
      {policy.selects && (
        <Typography variant="body2" color="textSecondary">
          {policy.selects.length
            ? `Selects ${policy.selects.join(', ')}`
            : 'Selects no workload of this namespace'}
        </Typography>
      )}
      {policy.problems?.map(problem => (
        <Typography key={problem} variant="body2" color="error">
          Problem: {problem}
        </Typography>
      ))}
      {open && policy.yaml && (
        <Box mt={1}>
          <CodeSnippet language="yaml" text={policy.yaml} showCopyCodeButton />
        </Box>
      )}
    </Box>
  );
}

/** The policies of a namespace, each with its YAML on demand. */
export function PolicyList(props: { policies: PolicySummary[] }) {
  const { policies } = props;
  if (policies.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No network policies in this namespace.
      </Typography>
    );
  }
  return (
    <Box component="ul" pl={2} m={0}>
      {policies.map(policy => (
        <PolicyItem
          key={`${policy.kind}/${policy.namespace}/${policy.name}`}
          policy={policy}
        />
      ))}
    </Box>
  );
}
