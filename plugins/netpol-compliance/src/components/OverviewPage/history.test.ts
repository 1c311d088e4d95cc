import { calendarDays, historySeries } from './history';

const point = (day: string, fail: number, control = 'NETPOL-004') => ({
  day,
  control,
  counts: { fail, pass: 10 - fail },
});

describe('historySeries', () => {
  it('labels every day of the window, so a day without a scan is a gap', () => {
    const { labels, series } = historySeries(
      {
        points: [
          point('2024-05-01', 4),
          point('2024-05-02', 3),
          // no scan on 2024-05-03
          point('2024-05-04', 2),
          point('2024-05-05', 1),
        ],
      },
      7,
      '2024-05-05',
    );
    expect(labels).toEqual([
      '2024-04-29',
      '2024-04-30',
      '2024-05-01',
      '2024-05-02',
      '2024-05-03',
      '2024-05-04',
      '2024-05-05',
    ]);
    expect(series).toHaveLength(1);
    expect(series[0].values['2024-05-03']).toBeUndefined();
    expect(series[0].values['2024-05-02']).toBe(3);
  });

  it('adds fail and warning per control and day', () => {
    const { series } = historySeries(
      {
        points: [
          { day: '2024-05-05', control: 'NETPOL-001', counts: { fail: 2 } },
          {
            day: '2024-05-05',
            control: 'NETPOL-001',
            counts: { warning: 3, pass: 9 },
          },
        ],
      },
      1,
      '2024-05-05',
    );
    expect(series.map(s => s.values)).toEqual([{ '2024-05-05': 5 }]);
  });

  it('widens the axis for a point outside the window instead of dropping it', () => {
    const { labels } = historySeries(
      { points: [point('2024-05-01', 1), point('2024-05-07', 1)] },
      3,
      '2024-05-05',
    );
    expect(labels[0]).toBe('2024-05-01');
    expect(labels[labels.length - 1]).toBe('2024-05-07');
    expect(labels).toHaveLength(7);
  });

  it('gives no labels without any point, so the chart says there is no history', () => {
    expect(historySeries({ points: [] }, 30, '2024-05-05')).toEqual({
      labels: [],
      series: [],
    });
    expect(historySeries(undefined, 30, '2024-05-05').labels).toEqual([]);
  });
});

describe('calendarDays', () => {
  it('counts across month and leap-year ends in UTC', () => {
    expect(calendarDays('2024-02-28', '2024-03-01')).toEqual([
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
    expect(calendarDays('2024-12-31', '2025-01-01')).toEqual([
      '2024-12-31',
      '2025-01-01',
    ]);
  });
});
