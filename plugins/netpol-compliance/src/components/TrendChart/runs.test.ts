import { runsOf } from './runs';

describe('runsOf', () => {
  const labels = ['d1', 'd2', 'd3', 'd4', 'd5'];

  it('breaks the line where a day has no value', () => {
    expect(runsOf(labels, { d1: 4, d2: 3, d4: 1, d5: 0 })).toEqual([
      [
        { index: 0, value: 4 },
        { index: 1, value: 3 },
      ],
      [
        { index: 3, value: 1 },
        { index: 4, value: 0 },
      ],
    ]);
  });

  it('keeps a zero as a value, and a lone day as a run of one', () => {
    expect(runsOf(labels, { d1: 0, d3: 2 })).toEqual([
      [{ index: 0, value: 0 }],
      [{ index: 2, value: 2 }],
    ]);
    expect(runsOf(labels, {})).toEqual([]);
  });
});
