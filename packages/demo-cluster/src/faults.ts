/**
 * Fault injection: make chosen requests slow, failing, malformed, expired or
 * cut off, so tests and benchmarks can prove that clients degrade to
 * `unknown` (never to `pass`) and recover, without a flaky real cluster.
 */

/**
 * One fault injection rule.
 *
 * Selection: a request is *matched* by the rule when its path (and method, if
 * given) match. Each rule counts its own matched requests, 1-based, from the
 * moment it was installed; `calls` and `times` pick which of them the rule
 * *fires* on. For `expireContinuePage` rules only requests that carry a
 * `continue` parameter are matched (and counted).
 *
 * Effects: `delayMs` can be combined with one of the terminal effects
 * (`status`, `malformedJson`, `closeConnection`, `expireContinuePage`). When
 * several rules fire on one request their delays add up and the first rule
 * (in array order) with a terminal effect decides the response; requests with
 * no terminal fault are served normally after the delay.
 *
 * @example Fail the first two pod lists with 500, then recover:
 * `{ path: '/api/v1/pods', status: 500, times: 2 }`
 * @example Every networkpolicies request takes 3 s:
 * `{ path: /networkpolicies/, delayMs: 3000 }`
 * @example 410 Expired on the second continue page of pod lists:
 * `{ path: /\/pods(\?|$)/, expireContinuePage: 2 }`
 */
export interface FaultRule {
  /**
   * Which requests. A string is a prefix of the URL path (query excluded),
   * e.g. `/api/v1/namespaces/shop/`; a RegExp is tested against the path
   * *with* its query string, e.g. `/labelSelector=/`. Omitted: every path.
   */
  path?: string | RegExp;
  /**
   * The same as a RegExp `path`, given as source text, for rules that come
   * from JSON (the command line). Ignored when `path` is set.
   */
  pathRegex?: string;
  /** Only this HTTP method (case-insensitive). Omitted: any method. */
  method?: string;
  /** Fire only on these matched-call numbers (1-based, per rule). */
  calls?: number[];
  /** Fire at most this many times (then the rule stays inert). */
  times?: number;

  /** Wait this many milliseconds before responding (or before the terminal fault). */
  delayMs?: number;
  /**
   * Respond with this HTTP status and a `Status` body whose `reason` matches
   * the code (500 `InternalError`, 503 `ServiceUnavailable`, 429
   * `TooManyRequests`, ...).
   */
  status?: number;
  /** Message of the `Status` body for `status`. Default: `injected fault`. */
  message?: string;
  /** With `status` (e.g. 429/503): sends `Retry-After` and `details.retryAfterSeconds`. */
  retryAfterSeconds?: number;
  /** Respond 200 `application/json` with a truncated, unparseable JSON body. */
  malformedJson?: boolean;
  /**
   * Destroy the TCP connection: `true` before anything is sent (the client
   * sees a socket hang up / ECONNRESET), `'mid-body'` after the headers and
   * part of the body (the client sees a truncated response).
   */
  closeConnection?: boolean | 'mid-body';
  /**
   * Respond 410 `Expired` (the real "continue parameter is too old" Status)
   * to the Nth request carrying a `continue` parameter: 1 = the first
   * continue request, i.e. the list's second page.
   */
  expireContinuePage?: number;
}

/** What to do to one request. */
export type TerminalFault =
  | {
      type: 'status';
      status: number;
      message: string;
      retryAfterSeconds?: number;
    }
  | { type: 'malformed-json' }
  | { type: 'close'; midBody: boolean }
  | { type: 'expire-continue' };

export interface FaultDecision {
  delayMs: number;
  terminal?: TerminalFault;
}

interface ActiveRule {
  rule: FaultRule;
  regex?: RegExp;
  matched: number;
  fired: number;
}

function terminalCount(rule: FaultRule): number {
  return [
    rule.status !== undefined,
    Boolean(rule.malformedJson),
    Boolean(rule.closeConnection),
    rule.expireContinuePage !== undefined,
  ].filter(Boolean).length;
}

/** Checks a rule list, throwing a descriptive Error for unusable rules. */
export function validateFaults(rules: readonly FaultRule[]): void {
  rules.forEach((rule, i) => {
    const where = `fault rule ${i + 1}`;
    const terminals = terminalCount(rule);
    if (terminals > 1) {
      throw new Error(
        `${where}: at most one of status, malformedJson, closeConnection, expireContinuePage`,
      );
    }
    if (terminals === 0 && !(rule.delayMs && rule.delayMs > 0)) {
      throw new Error(
        `${where}: has no effect (set delayMs or a terminal fault)`,
      );
    }
    if (
      rule.status !== undefined &&
      (!Number.isInteger(rule.status) || rule.status < 100 || rule.status > 599)
    ) {
      throw new Error(
        `${where}: status must be an HTTP status code, got ${rule.status}`,
      );
    }
    if (
      rule.expireContinuePage !== undefined &&
      !(
        Number.isInteger(rule.expireContinuePage) &&
        rule.expireContinuePage >= 1
      )
    ) {
      throw new Error(`${where}: expireContinuePage must be an integer >= 1`);
    }
    if (rule.pathRegex !== undefined && rule.path === undefined) {
      RegExp(rule.pathRegex); // throws a SyntaxError saying what is wrong
    }
  });
}

/** Holds the current rules and their per-rule counters. */
export class FaultInjector {
  private rules: ActiveRule[] = [];

  /** Replaces all rules; counters start again from zero. */
  setRules(rules: readonly FaultRule[]): void {
    validateFaults(rules);
    this.rules = rules.map(rule => {
      let regex: RegExp | undefined;
      if (rule.path instanceof RegExp) {
        regex = rule.path;
      } else if (rule.path === undefined && rule.pathRegex !== undefined) {
        regex = new RegExp(rule.pathRegex);
      }
      return { rule, regex, matched: 0, fired: 0 };
    });
  }

  /** Counts the request against every matching rule and decides its faults. */
  decide(
    method: string,
    pathname: string,
    search: string,
    hasContinue: boolean,
  ): FaultDecision {
    const decision: FaultDecision = { delayMs: 0 };
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase())
        continue;
      if (active.regex) {
        active.regex.lastIndex = 0; // global/sticky regexes are stateful
        if (!active.regex.test(pathname + search)) continue;
      } else if (
        typeof rule.path === 'string' &&
        !pathname.startsWith(rule.path)
      ) {
        continue;
      }
      if (rule.expireContinuePage !== undefined && !hasContinue) continue;

      active.matched += 1;
      const n = active.matched;
      if (
        rule.expireContinuePage !== undefined &&
        n !== rule.expireContinuePage
      )
        continue;
      if (rule.calls && !rule.calls.includes(n)) continue;
      if (rule.times !== undefined && active.fired >= rule.times) continue;
      active.fired += 1;

      decision.delayMs += rule.delayMs && rule.delayMs > 0 ? rule.delayMs : 0;
      if (decision.terminal) continue;
      if (rule.status !== undefined) {
        decision.terminal = {
          type: 'status',
          status: rule.status,
          message: rule.message ?? 'injected fault',
          retryAfterSeconds: rule.retryAfterSeconds,
        };
      } else if (rule.malformedJson) {
        decision.terminal = { type: 'malformed-json' };
      } else if (rule.closeConnection) {
        decision.terminal = {
          type: 'close',
          midBody: rule.closeConnection === 'mid-body',
        };
      } else if (rule.expireContinuePage !== undefined) {
        decision.terminal = { type: 'expire-continue' };
      }
    }
    return decision;
  }
}
