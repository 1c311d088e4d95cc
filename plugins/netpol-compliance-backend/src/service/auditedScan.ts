import type {
  AuditorService,
  AuditorServiceCreateEventOptions,
  AuditorServiceEvent,
} from '@backstage/backend-plugin-api';
import type { Request } from 'express';

type JsonObject = NonNullable<AuditorServiceCreateEventOptions['meta']>;

export interface AuditContext {
  /** The HTTP request, when there is one: the auditor reads the actor, IP and URL from it. */
  request?: Request;
}

/**
 * Opens the audit record of a scan that a person or a service asked for:
 * `initiated` now; the caller then settles it with `settle`.
 */
export function openScanRecord(
  auditor: AuditorService,
  event: { eventId: string; meta: JsonObject; context?: AuditContext },
): Promise<AuditorServiceEvent> {
  return auditor.createEvent({
    eventId: event.eventId,
    severityLevel: 'medium',
    request: event.context?.request,
    meta: event.meta,
  });
}

/**
 * Records `succeeded` or `failed` when `outcome` settles (a refusal is a
 * failure worth recording too), and passes the outcome on unchanged.
 */
export async function settle<T>(
  record: AuditorServiceEvent,
  outcome: Promise<T>,
  summarize: (result: T) => JsonObject,
): Promise<T> {
  let result: T;
  try {
    result = await outcome;
  } catch (e) {
    await record.fail({ error: e as Error });
    throw e;
  }
  await record.success({ meta: summarize(result) });
  return result;
}
