import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { TrendChart } from './TrendChart';

describe('TrendChart', () => {
  it('draws an accessible chart with a legend and a data table', async () => {
    await renderInTestApp(
      <TrendChart
        title="Failing namespaces"
        yLabel="Failing"
        labels={['2024-05-01', '2024-05-02', '2024-05-03', '2024-05-04']}
        series={[
          {
            name: 'NETPOL-001',
            values: {
              '2024-05-01': 4,
              '2024-05-02': 3,
              '2024-05-03': 2,
              '2024-05-04': 1,
            },
          },
          {
            name: 'NETPOL-004',
            values: { '2024-05-01': 9, '2024-05-02': 8, '2024-05-04': 7 },
          },
        ]}
      />,
    );
    const chart = screen.getByRole('img', { name: /Failing namespaces/ });
    expect(chart).toHaveAccessibleName(
      'Failing namespaces Failing on 2024-05-04: NETPOL-001 1, NETPOL-004 7.',
    );
    // NETPOL-004 has no value on 05-03: its line stops at 05-02 and the
    // 05-04 value is a lone marker, not a line drawn across the gap.
    const lines = Array.from(chart.querySelectorAll('polyline'));
    expect(lines).toHaveLength(2);
    expect(
      lines.map(l => l.getAttribute('points')!.split(' ').length),
    ).toEqual([4, 2]);
    // lines differ by dash pattern, not only colour
    const dashes = Array.from(chart.querySelectorAll('polyline')).map(p =>
      p.getAttribute('stroke-dasharray'),
    );
    expect(new Set(dashes).size).toBe(2);
    expect(
      within(screen.getByRole('list', { name: 'Legend' })).getAllByRole(
        'listitem',
      ),
    ).toHaveLength(2);
    const table = screen.getByRole('table', { name: 'Failing namespaces' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(5);
    expect(rows[3]).toHaveTextContent('2024-05-032—');
  });

  it('says when there is no history yet', async () => {
    await renderInTestApp(
      <TrendChart title="t" yLabel="y" labels={[]} series={[]} />,
    );
    expect(screen.getByText(/No history yet/)).toBeInTheDocument();
  });
});
