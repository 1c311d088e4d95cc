import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { ControlEvidence } from '@netpol/plugin-netpol-compliance-common';

/** What a result was decided on: policies, workloads, rules, enforcers, notes. */
export function ResultEvidence(props: {
  evidence: ControlEvidence | undefined;
}) {
  const evidence = props.evidence ?? {};
  const lines: Array<[string, string]> = [];
  if (evidence.policies?.length) {
    lines.push([
      evidence.policies.length === 1 ? 'Policy' : 'Policies',
      evidence.policies
        .map(
          p =>
            `${p.kind === 'NetworkPolicy' ? '' : `${p.kind} `}${
              p.namespace ? `${p.namespace}/` : ''
            }${p.name}`,
        )
        .join(', '),
    ]);
  }
  if (evidence.workloads?.length) {
    lines.push([
      evidence.workloads.length === 1 ? 'Workload' : 'Workloads',
      evidence.workloads.map(w => `${w.kind}/${w.name}`).join(', '),
    ]);
  }
  for (const rule of evidence.rules ?? []) lines.push(['Rule', rule.text]);
  for (const enforcer of evidence.enforcers ?? []) {
    let label = enforcer.enforcing ? 'Enforcer' : 'Not enforcing';
    if (enforcer.state === 'undetermined') label = 'Cannot tell if it enforces';
    lines.push([
      label,
      `${enforcer.name} (${enforcer.source})${
        enforcer.implements?.length
          ? `, implements ${enforcer.implements.join(', ')}`
          : ''
      }${enforcer.detail ? `: ${enforcer.detail}` : ''}`,
    ]);
  }
  for (const note of evidence.notes ?? []) lines.push(['Note', note]);
  if (lines.length === 0) return null;
  return (
    <Box component="ul" pl={2} my={0.5}>
      {lines.map(([label, text], i) => (
        <Typography key={i} component="li" variant="body2">
          <strong>{label}:</strong> {text}
        </Typography>
      ))}
    </Box>
  );
}
