/**
 * `Status` bodies (meta/v1 Status) for every error the demo cluster returns,
 * with the same reasons, codes and message wording as kube-apiserver, because
 * clients (and our own error handling) branch on `reason` and `code` and show
 * `message` to users.
 */
import { ResourceType, qualifiedResource } from './resources';

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  retryAfterSeconds?: number;
}

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: { continue?: string };
  status: 'Failure';
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
}

export function statusBody(
  code: number,
  reason: string,
  message: string,
  details?: StatusDetails,
  metadata: { continue?: string } = {},
): StatusBody {
  // Field order as kube-apiserver serializes it: details, then code.
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata,
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

/** The `reason` kube-apiserver uses for a status code. */
export function reasonForCode(code: number): string {
  switch (code) {
    case 400:
      return 'BadRequest';
    case 401:
      return 'Unauthorized';
    case 403:
      return 'Forbidden';
    case 404:
      return 'NotFound';
    case 405:
      return 'MethodNotAllowed';
    case 406:
      return 'NotAcceptable';
    case 409:
      return 'Conflict';
    case 410:
      return 'Expired';
    case 422:
      return 'Invalid';
    case 429:
      return 'TooManyRequests';
    case 500:
      return 'InternalError';
    case 503:
      return 'ServiceUnavailable';
    case 504:
      return 'Timeout';
    default:
      return code >= 500 ? 'InternalError' : 'Unknown';
  }
}

function detailsFor(rt: ResourceType, name?: string): StatusDetails {
  const details: StatusDetails = {};
  if (name !== undefined) details.name = name;
  if (rt.group) details.group = rt.group;
  details.kind = rt.plural;
  return details;
}

export function badRequest(message: string): StatusBody {
  return statusBody(400, 'BadRequest', message);
}

export function unauthorized(): StatusBody {
  return statusBody(401, 'Unauthorized', 'Unauthorized');
}

/**
 * 403 with the RBAC wording, e.g. `pods is forbidden: User "u" cannot list
 * resource "pods" in API group "" at the cluster scope`.
 */
export function forbidden(
  rt: ResourceType,
  verb: string,
  user: string,
  namespace?: string,
  name?: string,
): StatusBody {
  const subject =
    name !== undefined
      ? `${qualifiedResource(rt)} "${name}"`
      : qualifiedResource(rt);
  const scope =
    namespace !== undefined && rt.namespaced
      ? `in the namespace "${namespace}"`
      : 'at the cluster scope';
  return statusBody(
    403,
    'Forbidden',
    `${subject} is forbidden: User "${user}" cannot ${verb} resource "${rt.plural}" in API group "${rt.group}" ${scope}`,
    detailsFor(rt, name),
  );
}

/** 404 for a named object: `pods "x" not found`, `deployments.apps "x" not found`. */
export function objectNotFound(rt: ResourceType, name: string): StatusBody {
  return statusBody(
    404,
    'NotFound',
    `${qualifiedResource(rt)} "${name}" not found`,
    detailsFor(rt, name),
  );
}

/** 404 for a path the server does not serve at all. */
export function pathNotFound(): StatusBody {
  return statusBody(
    404,
    'NotFound',
    'the server could not find the requested resource',
    {},
  );
}

export function methodNotAllowed(): StatusBody {
  return statusBody(
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
    {},
  );
}

/** The message kube-apiserver sends when a continue token outlived its data. */
export const EXPIRED_CONTINUE_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. ' +
  'You can start a new list without the continue parameter, or use the continue token ' +
  'in this response to retrieve the remainder of the results. Continuing with the ' +
  'provided token results in an inconsistent list - objects that were created, ' +
  'modified, or deleted between the time the first chunk was returned and now may ' +
  'show up in the list.';

/**
 * 410 Gone for a stale continue token. Like kube-apiserver it carries, in
 * `metadata.continue`, a token that resumes inconsistently from the same key.
 */
export function continueExpired(inconsistentContinue?: string): StatusBody {
  return statusBody(
    410,
    'Expired',
    EXPIRED_CONTINUE_MESSAGE,
    undefined,
    inconsistentContinue ? { continue: inconsistentContinue } : {},
  );
}

/** A generic failure with the reason kube-apiserver would use for the code. */
export function failure(
  code: number,
  message: string,
  reason?: string,
): StatusBody {
  return statusBody(code, reason ?? reasonForCode(code), message);
}
