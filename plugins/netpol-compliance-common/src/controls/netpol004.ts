/** NETPOL-004: the namespace denies ingress by default (see defaultDeny.ts). */
import type { ControlResult } from '../report';
import type { NamespaceContext } from './context';
import { evaluateDefaultDeny } from './defaultDeny';

export function evaluateNetpol004(ctx: NamespaceContext): ControlResult {
  return evaluateDefaultDeny(ctx, 'ingress');
}
