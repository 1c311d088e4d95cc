/*
 * node -r @backstage/cli/config/nodeTransform.cjs --test bench/fleetLog.test.ts
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFleetPass, parseScanEvent, type ScanEvent } from './fleetLog';

const line = (message: string, cluster: string, replica = 'id-x') => JSON.stringify({ level: 'info', message, plugin: 'netpol-compliance', cluster, replica });

function ev(at: number, kind: ScanEvent['kind'], cluster: string, replica: string): ScanEvent {
  return { at, kind, cluster, replica };
}

test('reads the contract lines and nothing else', () => {
  assert.deepEqual(parseScanEvent(line('Scan started', 'c1', 'host-1'), 5, 'r1'), { at: 5, kind: 'started', cluster: 'c1', replica: 'r1', replicaId: 'host-1' });
  assert.equal(parseScanEvent(line('Scanned in 120 ms: 8 namespaces, 0 read errors', 'c1'), 6, 'r1')?.kind, 'succeeded');
  assert.equal(parseScanEvent(line('Scan failed: forbidden', 'c1'), 6, 'r1')?.kind, 'failed');
  // Same words without a cluster field, a stored-in line, and coloured text are not scan events.
  assert.equal(parseScanEvent(JSON.stringify({ message: 'Scan started' }), 1, 'r1'), undefined);
  assert.equal(parseScanEvent(line('Stored in 12 ms', 'c1'), 1, 'r1'), undefined);
  assert.equal(parseScanEvent('\u001b[2m2026\u001b[22m info Scan started cluster="c1"', 1, 'r1'), undefined);
});

test('two replicas scanning one cluster at once is an overlap; a hand-over is not', () => {
  const events = [
    ev(0, 'started', 'a', 'r1'),
    ev(10, 'started', 'a', 'r2'), // while r1 still scans a
    ev(20, 'succeeded', 'a', 'r1'),
    ev(30, 'succeeded', 'a', 'r2'),
    ev(30, 'started', 'b', 'r1'),
    ev(40, 'succeeded', 'b', 'r1'),
    ev(40, 'started', 'b', 'r2'), // starts exactly when r1's ended
    ev(50, 'succeeded', 'b', 'r2'),
  ];
  const pass = analyzeFleetPass(events, ['a', 'b'], ['r1', 'r2'], 100);
  assert.equal(pass.overlaps, 1);
  assert.deepEqual(pass.overlapExamples, [{ cluster: 'a', replicas: ['r1', 'r2'] }]);
  assert.equal(pass.rescanned, 2);
});

test('a scan whose end was never logged overlaps a later scan of its cluster', () => {
  const events = [ev(0, 'started', 'a', 'r1'), ev(50, 'started', 'a', 'r2'), ev(60, 'succeeded', 'a', 'r2')];
  assert.equal(analyzeFleetPass(events, ['a'], ['r1', 'r2'], 100).overlaps, 1);
});

test('the pass ends when the last cluster has its first report; a failed cluster leaves it incomplete', () => {
  const events = [
    ev(100, 'started', 'a', 'r1'),
    ev(150, 'succeeded', 'a', 'r1'),
    ev(120, 'started', 'b', 'r2'),
    ev(400, 'succeeded', 'b', 'r2'),
    ev(500, 'started', 'b', 'r1'),
    ev(900, 'succeeded', 'b', 'r1'), // a second report of b does not lengthen the pass
  ];
  const pass = analyzeFleetPass(events, ['a', 'b'], ['r1', 'r2'], 1000);
  assert.equal(pass.complete, true);
  assert.equal(pass.passMs, 300);
  const failed = analyzeFleetPass([ev(0, 'started', 'a', 'r1'), ev(5, 'failed', 'a', 'r1')], ['a'], ['r1'], 10);
  assert.equal(failed.complete, false);
  assert.equal(failed.passMs, undefined);
  assert.equal(failed.shares[0].failed, 1);
});

test('a replica that scanned nothing counts in the split', () => {
  const events = [ev(0, 'started', 'a', 'r1'), ev(1, 'succeeded', 'a', 'r1'), ev(2, 'started', 'b', 'r1'), ev(3, 'succeeded', 'b', 'r1')];
  const pass = analyzeFleetPass(events, ['a', 'b'], ['r1', 'r2'], 10);
  assert.deepEqual(
    pass.shares.map(s => [s.replica, s.scanned, s.share, s.deviation]),
    [
      ['r1', 2, 1, 1],
      ['r2', 0, 0, 1],
    ],
  );
});
