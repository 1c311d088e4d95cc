import { NamespaceSummary, parseSummary, splitSummary, summaryOf } from './reportParts';

const summary = (over: Partial<NamespaceSummary> = {}): NamespaceSummary => ({
  namespace: 'shop',
  results: [{ control: 'NETPOL-001', status: 'fail', reason: 'no policy' }],
  workloadLabels: [{ app: 'web' }, { app: 'api', tier: 'back' }],
  ...over,
});

describe('parseSummary', () => {
  it.each([
    ['a plain summary', summary()],
    ['an exempt one', summary({ exemption: { reason: 'Exempt by annotation: legacy' } })],
    // Text that spells the key inside strings, before and inside the label sets.
    ['the key inside a reason', summary({ results: [{ control: 'NETPOL-001', status: 'fail', reason: 'odd ,"workloadLabels":[] ]} text' }] })],
    ['the key inside an exemption', summary({ exemption: { reason: '\\",\\"workloadLabels\\":' } })],
    ['a label named like the key', summary({ workloadLabels: [{ workloadLabels: 'x' }, { a: ',"workloadLabels":' }] })],
    ['no workloads', summary({ workloadLabels: [] })],
  ])('reads %s exactly as JSON.parse does', (_name, value) => {
    const json = JSON.stringify(value);
    const parsed = parseSummary(json);
    expect(parsed).toEqual(JSON.parse(json));
    expect(JSON.stringify(parsed)).toBe(json);
    // Stored in two columns, read back the same (key order aside).
    const { outcomes, labels } = splitSummary(json);
    expect(JSON.parse(outcomes).workloadLabels).toBeUndefined();
    expect(summaryOf(outcomes, labels)).toEqual(JSON.parse(json));
  });

  it('parses the label sets on first read only, and keeps what is assigned', () => {
    const parsed = parseSummary(JSON.stringify(summary()));
    const first = parsed.workloadLabels;
    expect(first).toEqual([{ app: 'web' }, { app: 'api', tier: 'back' }]);
    expect(parsed.workloadLabels).toBe(first);
    parsed.workloadLabels = [];
    expect(parsed.workloadLabels).toEqual([]);
  });

  it('reads a summary in another key order whole', () => {
    const json = '{"workloadLabels":[{"a":"b"}],"namespace":"x","results":[]}';
    expect(parseSummary(json)).toEqual(JSON.parse(json));
  });
});
