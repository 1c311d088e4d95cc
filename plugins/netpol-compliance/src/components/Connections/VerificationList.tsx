import type { LeastPrivilegeFix as Fix } from '@netpol/plugin-netpol-compliance-common';
import { controlsLine, declaredLine } from './leastPrivilegeText';

/** How the set was verified: declared connections, controls, what is left. */
export function VerificationList(props: { fix: Fix; where: string }) {
  const { fix, where } = props;
  return (
    <ul aria-label={`Verification for ${where}`}>
      <li>{declaredLine(fix)}</li>
      <li>Namespace controls: {controlsLine(fix)}</li>
      {fix.problems.map(p => (
        <li key={p}>{p}</li>
      ))}
      {(fix.otherSide ?? []).map(p => (
        <li key={p}>{p}</li>
      ))}
      {fix.notes.map(n => (
        <li key={n}>Note: {n}</li>
      ))}
    </ul>
  );
}
