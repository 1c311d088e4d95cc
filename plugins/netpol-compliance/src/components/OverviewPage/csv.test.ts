import { csvCell, fetchAllRows, toCsv } from './csv';
import { mockApi, overviewResponse, overviewRow } from '../../testing/fixtures';

describe('CSV export', () => {
  it('quotes and defuses cells', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(3)).toBe('3');
  });

  it('writes one line per namespace with status and reason per control', () => {
    const row = overviewRow('prod-eu', 'payments', 'fail', [
      'group:default/a',
      'group:default/b',
    ]);
    row.exemption = undefined;
    const csv = toCsv([row], ['NETPOL-001', 'NETPOL-004', 'NETPOL-005']);
    expect(csv.split('\r\n')).toEqual([
      'cluster,namespace,owners,entities,exempt,NETPOL-001 status,NETPOL-001 reason,NETPOL-004 status,NETPOL-004 reason,NETPOL-005 status,NETPOL-005 reason',
      'prod-eu,payments,group:default/a group:default/b,component:default/payments,,pass,Has a policy,fail,ingress fail,,',
      '',
    ]);
  });

  it('fetches every page of the filtered set', async () => {
    const rows = Array.from({ length: 450 }, (_, i) =>
      overviewRow('c', `ns-${i}`),
    );
    const api = mockApi({
      getOverview: jest.fn(async q =>
        overviewResponse(
          rows.slice(q!.offset!, q!.offset! + q!.limit!),
          rows.length,
          q!.offset,
          q!.limit,
        ),
      ),
    });
    const all = await fetchAllRows(api, { cluster: 'c', status: 'fail' });
    expect(all).toHaveLength(450);
    expect(api.getOverview.mock.calls.map(c => c[0])).toEqual([
      { cluster: 'c', status: 'fail', offset: 0, limit: 200 },
      { cluster: 'c', status: 'fail', offset: 200, limit: 200 },
      { cluster: 'c', status: 'fail', offset: 400, limit: 200 },
    ]);
  });
});
