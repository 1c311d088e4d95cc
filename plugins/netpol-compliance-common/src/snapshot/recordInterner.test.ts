import { RecordInterner } from './recordInterner';
import { buildClusterSnapshot, toSnapshotRecords } from './buildClusterSnapshot';

describe('RecordInterner', () => {
  it('shares equal label maps and never merges different ones, whatever the values contain', () => {
    const intern = new RecordInterner();
    const first = intern.stringMap({ app: 'web', team: 'a' });
    expect(intern.stringMap({ app: 'web', team: 'a' })).toBe(first);
    // Values that would fake a boundary in a key joined without lengths.
    const tricky: Array<Record<string, string>> = [
      { app: 'web\u0000team\u0000a' },
      { app: 'web', 'team\u0000a': '' },
      { 'app\u0000web': 'team', '': 'a' },
      { app: '3:web' },
      { app: 'web', team: 'a', x: '' },
      { team: 'a', app: 'web' }, // same entries, other order: the order is shown, so kept
    ];
    for (const map of tricky) {
      const kept = intern.stringMap(map);
      expect(kept).toBe(map);
      expect(kept).not.toBe(first);
    }
    expect(Object.keys(intern.stringMap({ team: 'a', app: 'web' }))).toEqual(['team', 'app']);
  });

  it('tells owner references apart by every field, absent uid and controller included', () => {
    const intern = new RecordInterner();
    const variants = [
      [{ kind: 'ReplicaSet', name: 'web-1', uid: 'u1', controller: true }],
      [{ kind: 'ReplicaSet', name: 'web-1', uid: 'u1', controller: false }],
      [{ kind: 'ReplicaSet', name: 'web-1', uid: 'u1' }],
      [{ kind: 'ReplicaSet', name: 'web-1' }],
      [{ kind: 'ReplicaSet', name: 'web-1', uid: '-' }],
      [{ kind: 'Job', name: 'web-1', uid: 'u1', controller: true }],
    ];
    const kept = variants.map(v => intern.ownerReferences(v));
    expect(new Set(kept).size).toBe(variants.length);
    kept.forEach((k, i) => expect(k).toEqual(variants[i]));
    expect(intern.ownerReferences([{ kind: 'Job', name: 'web-1', uid: 'u1', controller: true }])).toBe(kept[5]);
  });

  it('tells ports apart by number, name and protocol', () => {
    const intern = new RecordInterner();
    const a = intern.containerPorts([{ containerPort: 80, name: 'http' }]);
    const b = intern.containerPorts([{ containerPort: 80, name: 'http', protocol: 'UDP' }]);
    const c = intern.containerPorts([{ containerPort: 80 }]);
    expect(new Set([a, b, c]).size).toBe(3);
    expect(intern.containerPorts([{ containerPort: 80, name: 'http' }])).toBe(a);
  });
});

describe('interned snapshot records', () => {
  const pod = (name: string, labels: Record<string, string>, ip?: string) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'shop',
      labels,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'rs-1', controller: true }],
    },
    spec: { containers: [{ name: 'web', ports: [{ containerPort: 8080, name: 'http' }] }] },
    status: { phase: 'Running', ...(ip ? { podIP: ip } : {}) },
  });
  const objects = [
    pod('web-abc-1', { app: 'web', 'pod-template-hash': 'abc' }, '10.0.0.1'),
    pod('web-abc-2', { app: 'web', 'pod-template-hash': 'abc' }, '10.0.0.2'),
    pod('web-abc-3', { app: 'web', 'pod-template-hash': 'abd' }),
  ];

  it('are the records made one by one, with replicas sharing what is equal', () => {
    const { snapshot } = buildClusterSnapshot({ cluster: { name: 'c' }, collectedAt: 't', objects });
    const alone = objects.map(o => toSnapshotRecords(o)[0]).map(r => (r.type === 'pod' ? r.value : undefined));
    expect(snapshot.pods).toEqual(alone);
    const [one, two, three] = snapshot.pods;
    expect(two.labels).toBe(one.labels);
    expect(three.labels).not.toBe(one.labels);
    expect(three.labels['pod-template-hash']).toBe('abd');
    expect(two.ownerReferences).toBe(one.ownerReferences);
    expect(two.ports).toBe(one.ports);
    expect(one.podIPs).toEqual(['10.0.0.1']);
    expect(two.podIPs).toEqual(['10.0.0.2']);
    expect(three.podIPs).toEqual([]);
  });
});
