import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { OverviewQuery } from '@netpol/plugin-netpol-compliance-common';
import type { HistoryQuery } from './ComplianceService';
import { OVERVIEW_MAX_LIMIT } from './overview';

// What the router reads of a request, checked: an invalid part is an
// InputError (HTTP 400) that names it, before anything is looked up.

/** Headers the kubernetes backend's proxy turns into the user's cluster credentials. */
const USER_AUTH_HEADER_PREFIX = 'backstage-kubernetes-authorization';

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/;

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || value.length > 512) throw new InputError(`Invalid query parameter ${name}`);
  return value;
}

function optionalInt(value: unknown, name: string, min: number, max: number): number | undefined {
  const text = optionalString(value, name);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new InputError(`Invalid query parameter ${name}: expected a whole number from ${min} to ${max}`);
  }
  return n;
}

function optionalEnum<T extends string>(value: unknown, name: string, allowed: readonly T[]): T | undefined {
  const text = optionalString(value, name);
  if (text === undefined) return undefined;
  if (!allowed.includes(text as T)) {
    throw new InputError(`Invalid query parameter ${name}: expected one of ${allowed.join(', ')}`);
  }
  return text as T;
}

/** The entity reference of `/entity/:kind/:namespace/:name`. */
export function entityRefOf(params: Record<string, string>): string {
  const { kind, namespace, name } = params;
  for (const part of [kind, namespace, name]) {
    if (!NAME_PATTERN.test(part)) throw new InputError(`Malformed entity reference part "${part}"`);
  }
  return stringifyEntityRef({ kind, namespace, name });
}

/** The caller's Backstage-Kubernetes-Authorization-* headers; at least one. */
export function userAuthHeadersOf(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const authHeaders: Record<string, string> = {};
  for (const [header, value] of Object.entries(headers)) {
    if (header.startsWith(USER_AUTH_HEADER_PREFIX) && typeof value === 'string') authHeaders[header] = value;
  }
  if (Object.keys(authHeaders).length === 0) {
    throw new InputError(`No ${USER_AUTH_HEADER_PREFIX}* header: nothing to scan with`);
  }
  return authHeaders;
}

export function overviewQueryOf(query: Record<string, unknown>): OverviewQuery {
  return {
    cluster: optionalString(query.cluster, 'cluster'),
    control: optionalString(query.control, 'control'),
    status: optionalString(query.status, 'status'),
    owner: optionalString(query.owner, 'owner'),
    q: optionalString(query.q, 'q'),
    sort: optionalEnum(query.sort, 'sort', ['cluster', 'namespace', 'owner', 'status'] as const),
    order: optionalEnum(query.order, 'order', ['asc', 'desc'] as const),
    offset: optionalInt(query.offset, 'offset', 0, 10_000_000),
    limit: optionalInt(query.limit, 'limit', 1, OVERVIEW_MAX_LIMIT),
  };
}

export function historyQueryOf(query: Record<string, unknown>): HistoryQuery {
  return {
    days: optionalInt(query.days, 'days', 1, 366) ?? 30,
    cluster: optionalString(query.cluster, 'cluster'),
    namespace: optionalString(query.namespace, 'namespace'),
    control: optionalString(query.control, 'control'),
  };
}
