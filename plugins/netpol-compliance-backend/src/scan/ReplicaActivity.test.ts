import { ReplicaActivity } from './ReplicaActivity';

describe('ReplicaActivity', () => {
  it('counts scans by outcome and shows the running ones', () => {
    const activity = new ReplicaActivity('r1');
    const endA = activity.start('a');
    const endB = activity.start('b');
    expect(activity.snapshot().scanning).toEqual(['a', 'b']);
    endA(true);
    endB(false);
    const snap = activity.snapshot();
    expect(snap.scans).toEqual({ started: 2, succeeded: 1, failed: 1 });
    expect(snap.scanning).toEqual([]);
    expect(snap.scanned.map(s => [s.cluster, s.ok])).toEqual([['a', true], ['b', false]]);
    expect(snap.scanned.every(s => s.endedAt! >= s.startedAt)).toBe(true);
  });

  it('counts a scan once even if its end is reported twice', () => {
    const activity = new ReplicaActivity('r1');
    const end = activity.start('a');
    end(true);
    end(false);
    expect(activity.snapshot().scans).toEqual({ started: 1, succeeded: 1, failed: 0 });
  });

  it('keeps only the most recent scans', () => {
    const activity = new ReplicaActivity('r1', () => new Date(), 3);
    for (const c of ['a', 'b', 'c', 'd', 'e']) activity.start(c)(true);
    expect(activity.snapshot().scanned.map(s => s.cluster)).toEqual(['c', 'd', 'e']);
    expect(activity.snapshot().scans.started).toBe(5);
  });
});
