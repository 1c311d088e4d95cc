/** NETPOL-005: the namespace denies egress by default (see defaultDeny.ts). */
import type { ControlResult } from '../report';
import type { NamespaceContext } from './context';
import { evaluateDefaultDeny } from './defaultDeny';

export function evaluateNetpol005(ctx: NamespaceContext): ControlResult {
  return evaluateDefaultDeny(ctx, 'egress');
}
