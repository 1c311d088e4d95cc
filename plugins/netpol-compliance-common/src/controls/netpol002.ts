/**
 * NETPOL-002, "a NetworkPolicy enforcer runs": the detection of
 * enforcers/detectEnforcer.ts as a control result. A configured override
 * states the answer (the detection stays as evidence); admin policies that
 * no enforcing plugin implements turn a pass into a warning.
 */
import type { ControlResult } from '../report';
import { adminPolicyWarnings } from '../enforcers/adminPolicySupport';
import {
  DetectionInput,
  detectWithFindings,
} from '../enforcers/detectEnforcer';

/** NETPOL-002 for a cluster, honouring the configured override. */
export function evaluateEnforcerControl(
  snapshot: DetectionInput,
  override?: { enforcing: boolean; reason: string },
): ControlResult {
  const { detection: detected, findings } = detectWithFindings(snapshot);
  const warnings = (override ? override.enforcing : detected.status === 'pass')
    ? adminPolicyWarnings(snapshot.adminPolicies ?? [], findings)
    : [];
  if (override) {
    let status: ControlResult['status'] = 'fail';
    if (override.enforcing) status = warnings.length ? 'warning' : 'pass';
    return {
      control: 'NETPOL-002',
      status,
      reason: [`Set by configuration: ${override.reason}`, ...warnings].join(
        '. ',
      ),
      evidence: {
        enforcers: detected.enforcers,
        notes: [
          `Detection alone would give ${detected.status}: ${detected.reason}`,
          ...detected.notes,
        ],
      },
    };
  }
  return {
    control: 'NETPOL-002',
    status: warnings.length ? 'warning' : detected.status,
    reason: [detected.reason, ...warnings].join('. '),
    evidence: { enforcers: detected.enforcers, notes: detected.notes },
  };
}
