import {
  compileLabelSelector,
  parseLabelSelectorString,
} from '@netpol/plugin-netpol-compliance-common';
import type { ReportIndex } from '../store/reportParts';
import type { StoredCluster } from '../store/ReportStore';
import { planEntityViews } from './entityView';

/** A small seeded generator, so a failure is reproducible. */
function prng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s % n;
  };
}

const KEYS = ['app', 'team', 'tier', 'constructor', 'backstage.io/kubernetes-id'];
const VALUES = ['a', 'b', 'c', 'shop', 'toString'];

function randomIndex(pick: (n: number) => number): ReportIndex {
  const namespaces = Array.from({ length: 40 }, (_, n) => ({
    namespace: `ns-${n}`,
    results: [],
    workloadLabels: Array.from({ length: pick(5) }, () => {
      const labels: Record<string, string> = {};
      for (const key of KEYS) if (pick(3) === 0) labels[key] = VALUES[pick(VALUES.length)];
      return labels;
    }),
  }));
  return {
    head: { cluster: 'c', scannedAt: '2026-12-02T00:00:00.000Z', results: [], errors: [] } as unknown as ReportIndex['head'],
    namespaces,
  };
}

function randomSelector(pick: (n: number) => number): string {
  const parts: string[] = [];
  const count = 1 + pick(3);
  for (let i = 0; i < count; i++) {
    const key = KEYS[pick(KEYS.length)];
    const value = VALUES[pick(VALUES.length)];
    const other = VALUES[pick(VALUES.length)];
    parts.push(
      [`${key}=${value}`, `${key} in (${value},${other})`, `${key}!=${value}`, key, `${key} notin (${value})`][pick(5)],
    );
  }
  return parts.join(',');
}

const stored = (index: ReportIndex): StoredCluster => ({
  cluster: 'c',
  index,
  scannedAt: index.head.scannedAt,
  lastAttemptAt: index.head.scannedAt,
});

describe('planEntityViews: the namespaces of a selector-mapped entity', () => {
  it('finds exactly the namespaces a test of every workload finds, for 500 random selectors', () => {
    const pick = prng(20261202);
    for (let round = 0; round < 500; round++) {
      const index = randomIndex(pick);
      const labelSelector = randomSelector(pick);
      const selector = compileLabelSelector(parseLabelSelectorString(labelSelector));
      const expected = index.namespaces
        .filter(ns => ns.workloadLabels.some(l => selector.matches(l)))
        .map(ns => ns.namespace);
      // Twice: the second answer comes from the label index built by the first.
      for (let twice = 0; twice < 2; twice++) {
        const plans = planEntityViews({ mapped: true, labelSelector, clusters: ['c'] }, [stored(index)]);
        expect({ labelSelector, names: plans[0].names }).toEqual({ labelSelector, names: expected });
      }
    }
  });

  it('answers from the new report after a scan, not from the label index of the old one', () => {
    const before = randomIndex(prng(1));
    before.namespaces[0].workloadLabels = [{ app: 'shop' }];
    const mapping = { mapped: true, labelSelector: 'app=shop', clusters: ['c'] };
    expect(planEntityViews(mapping, [stored(before)])[0].names).toContain('ns-0');
    const after: ReportIndex = {
      ...before,
      namespaces: before.namespaces.map(ns => ({ ...ns, workloadLabels: ns.namespace === 'ns-0' ? [] : ns.workloadLabels })),
    };
    expect(planEntityViews(mapping, [stored(after)])[0].names).not.toContain('ns-0');
  });
});
