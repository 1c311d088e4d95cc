import { selectedPods } from './policySelection';
import { netpol, pod } from '../testing/builders';

const pods = [
  pod('shop', 'web', { app: 'web' }),
  pod('shop', 'db', { app: 'db' }),
  pod('shop', 'agent', { app: 'web' }, { hostNetwork: true }),
  pod('shop', 'done', { app: 'web' }, { phase: 'Succeeded' }),
  pod('dev', 'web', { app: 'web' }),
];

describe('selectedPods', () => {
  it.each<[string, object | undefined, string[]]>([
    [
      'absent podSelector: every pod of the namespace',
      undefined,
      ['shop/web', 'shop/db'],
    ],
    ['{}: every pod of the namespace', {}, ['shop/web', 'shop/db']],
    [
      'by label, own namespace only',
      { matchLabels: { app: 'web' } },
      ['shop/web'],
    ],
    [
      'invalid selector: nothing',
      { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] },
      [],
    ],
  ])('%s', (_n, podSelector, expected) => {
    const policy = netpol(
      'shop',
      'p',
      podSelector === undefined ? {} : { podSelector },
    );
    expect(
      selectedPods(policy, pods).map(p => `${p.namespace}/${p.name}`),
    ).toEqual(expected);
  });
});
