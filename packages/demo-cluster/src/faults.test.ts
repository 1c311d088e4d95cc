import { DemoCluster, startDemoCluster } from './cluster';
import { FaultInjector, validateFaults } from './faults';
import {
  expectContinueExpired,
  getJson,
  pageUrl,
  request,
} from './__testUtils__/http';
import { sampleObjects } from './__testUtils__/fixtures';

describe('fault injection', () => {
  let cluster: DemoCluster;

  beforeEach(async () => {
    cluster = await startDemoCluster({ objects: sampleObjects() });
  });

  afterEach(async () => {
    await cluster.stop();
  });

  it('responds with an injected status and a Status body', async () => {
    cluster.setFaults([{ path: '/api/v1/pods', status: 500 }]);
    const { status, body } = await getJson(`${cluster.url}/api/v1/pods`);
    expect(status).toBe(500);
    expect(body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'injected fault',
      reason: 'InternalError',
      code: 500,
    });
    // A path outside the prefix is served normally.
    expect(
      (await request(`${cluster.url}/api/v1/namespaces/shop/pods`)).status,
    ).toBe(200);
  });

  it('sends Retry-After for throttling faults', async () => {
    cluster.setFaults([
      { status: 429, retryAfterSeconds: 3, message: 'slow down' },
    ]);
    const res = await request(`${cluster.url}/api/v1/pods`);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('3');
    expect(res.json()).toMatchObject({
      reason: 'TooManyRequests',
      message: 'slow down',
      details: { retryAfterSeconds: 3 },
      code: 429,
    });
  });

  it('fails only a limited number of times with `times`, then recovers', async () => {
    cluster.setFaults([{ path: '/api/v1/pods', status: 503, times: 2 }]);
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await request(`${cluster.url}/api/v1/pods`)).status);
    }
    expect(statuses).toEqual([503, 503, 200, 200]);
  });

  it('fires only on the chosen call numbers with `calls`', async () => {
    cluster.setFaults([{ path: '/api/v1/pods', status: 500, calls: [2, 4] }]);
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await request(`${cluster.url}/api/v1/pods`)).status);
    }
    expect(statuses).toEqual([200, 500, 200, 500, 200]);
  });

  it('matches a RegExp against path and query, and filters by method', async () => {
    cluster.setFaults([
      { path: /labelSelector=/, status: 500 },
      { path: '/api/v1/namespaces', method: 'GET', status: 502 },
    ]);
    expect(
      (await request(`${cluster.url}/api/v1/pods?labelSelector=app%3Dweb`))
        .status,
    ).toBe(500);
    expect((await request(`${cluster.url}/api/v1/pods`)).status).toBe(200);
    expect((await request(`${cluster.url}/api/v1/namespaces`)).status).toBe(
      502,
    );
    // The 502 rule is GET-only: a POST gets the normal 405.
    expect(
      (await request(`${cluster.url}/api/v1/namespaces`, { method: 'POST' }))
        .status,
    ).toBe(405);
  });

  it('accepts a regex given as text (for JSON configuration)', async () => {
    cluster.setFaults([{ pathRegex: 'networkpolicies$', status: 500 }]);
    expect(
      (
        await request(
          `${cluster.url}/apis/networking.k8s.io/v1/networkpolicies`,
        )
      ).status,
    ).toBe(500);
    expect((await request(`${cluster.url}/api/v1/pods`)).status).toBe(200);
  });

  it('delays responses by delayMs', async () => {
    // Only the faulted path waits: a request elsewhere answers while the
    // delayed one is still held (no wall-clock bound, which a loaded CI
    // machine would break).
    cluster.setFaults([{ path: '/api/v1/pods', delayMs: 1500 }]);
    const started = Date.now();
    let delayedDone = false;
    const delayed = request(`${cluster.url}/api/v1/pods`).then(res => {
      delayedDone = true;
      return res;
    });
    await request(`${cluster.url}/api/v1/namespaces`);
    expect(delayedDone).toBe(false);
    const res = await delayed;
    expect(Date.now() - started).toBeGreaterThanOrEqual(1490);
    expect(res.status).toBe(200);
  });

  it('combines a delay with a failure', async () => {
    cluster.setFaults([{ delayMs: 200, status: 504 }]);
    const started = Date.now();
    const res = await request(`${cluster.url}/version`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(res.status).toBe(504);
    expect(res.json().reason).toBe('Timeout');
  });

  it('returns malformed JSON', async () => {
    cluster.setFaults([{ path: '/api/v1/pods', malformedJson: true }]);
    const res = await request(`${cluster.url}/api/v1/pods`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(() => res.json()).toThrow(SyntaxError);
  });

  it('closes the connection before responding', async () => {
    cluster.setFaults([{ path: '/api/v1/pods', closeConnection: true }]);
    await expect(request(`${cluster.url}/api/v1/pods`)).rejects.toThrow(
      /socket hang up|ECONNRESET/,
    );
    // The server itself keeps working.
    expect((await request(`${cluster.url}/api/v1/namespaces`)).status).toBe(
      200,
    );
  });

  it('closes the connection in the middle of the body', async () => {
    cluster.setFaults([{ path: '/api/v1/pods', closeConnection: 'mid-body' }]);
    await expect(request(`${cluster.url}/api/v1/pods`)).rejects.toThrow(
      /aborted|incomplete|ECONNRESET|socket hang up/,
    );
  });

  it('answers the Nth continue page with 410 Expired', async () => {
    cluster.setFaults([{ path: '/api/v1/pods', expireContinuePage: 2 }]);
    const page1 = await getJson(`${cluster.url}/api/v1/pods?limit=2`);
    expect(page1.status).toBe(200);
    const page2 = await getJson(
      pageUrl(`${cluster.url}/api/v1/pods`, 2, page1.body.metadata.continue),
    );
    expect(page2.status).toBe(200);
    const page3 = await getJson(
      pageUrl(`${cluster.url}/api/v1/pods`, 2, page2.body.metadata.continue),
    );
    expectContinueExpired(page3);

    // A client that restarts the list gets through: the fault fired once.
    const restarted: string[] = [];
    let cont: string | undefined;
    do {
      const { status, body } = await getJson(
        pageUrl(`${cluster.url}/api/v1/pods`, 2, cont),
      );
      expect(status).toBe(200);
      restarted.push(...body.items.map((i: any) => i.metadata.name));
      cont = body.metadata.continue;
    } while (cont);
    expect(restarted).toHaveLength(6);
  });

  it('applies faults given at start and counts faulted requests', async () => {
    const c = await startDemoCluster({
      objects: sampleObjects(),
      faults: [{ path: '/api/v1/namespaces', status: 500, times: 1 }],
    });
    try {
      expect((await request(`${c.url}/api/v1/namespaces`)).status).toBe(500);
      expect((await request(`${c.url}/api/v1/namespaces`)).status).toBe(200);
      expect(c.requests).toBe(2);
      expect(c.requestLog.map(e => e.status)).toEqual([500, 200]);
    } finally {
      await c.stop();
    }
  });

  it('clears faults with an empty rule list', async () => {
    cluster.setFaults([{ status: 500 }]);
    expect((await request(`${cluster.url}/api/v1/pods`)).status).toBe(500);
    cluster.setFaults([]);
    expect((await request(`${cluster.url}/api/v1/pods`)).status).toBe(200);
  });

  it('cuts injected delays short on stop', async () => {
    cluster.setFaults([{ delayMs: 60_000 }]);
    const pending = request(`${cluster.url}/api/v1/pods`).catch(e => e);
    await new Promise(r => setTimeout(r, 50));
    const started = Date.now();
    await cluster.stop();
    expect(Date.now() - started).toBeLessThan(2000);
    // The held request is cut off rather than answered.
    expect(String(await pending)).toMatch(/socket hang up|ECONNRESET/);
  });

  it('rejects rules without an effect or with two terminal effects', () => {
    expect(() => validateFaults([{ path: '/x' }])).toThrow(/no effect/);
    expect(() =>
      validateFaults([{ status: 500, malformedJson: true }]),
    ).toThrow(/at most one/);
    expect(() => validateFaults([{ status: 42 }])).toThrow(/HTTP status/);
    expect(() => validateFaults([{ expireContinuePage: 0 }])).toThrow(/>= 1/);
    expect(() =>
      new FaultInjector().setRules([{ pathRegex: '(', status: 500 }]),
    ).toThrow();
  });

  it('adds up delays of several rules and lets the first terminal rule win', () => {
    const injector = new FaultInjector();
    injector.setRules([
      { path: '/api', delayMs: 10 },
      { path: '/api/v1', delayMs: 20, status: 500 },
      { path: '/api/v1/pods', status: 503 },
    ]);
    const decision = injector.decide('GET', '/api/v1/pods', '', false);
    expect(decision.delayMs).toBe(30);
    expect(decision.terminal).toMatchObject({ type: 'status', status: 500 });
  });
});
