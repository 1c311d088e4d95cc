import type { TrendSeries } from './types';

export const WIDTH = 640;
export const HEIGHT = 220;
export const PAD = { top: 12, right: 16, bottom: 28, left: 40 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
export const PLOT_H = HEIGHT - PAD.top - PAD.bottom;
/** At most about this many x labels are written, so they do not overlap. */
const MAX_X_LABELS = 6;

export function niceMax(value: number): number {
  if (value <= 5) return 5;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return Math.ceil(value / magnitude) * magnitude;
}

/** Where the chart's labels and values go in the SVG's coordinates. */
export interface ChartScale {
  x: (index: number) => number;
  y: (value: number) => number;
  ticks: number[];
  /** Whether the x label at this index is written. */
  showsLabel: (index: number) => boolean;
}

export function chartScale(
  labels: readonly string[],
  series: readonly TrendSeries[],
): ChartScale {
  const max = niceMax(
    Math.max(0, ...series.flatMap(s => labels.map(l => s.values[l] ?? 0))),
  );
  const labelEvery = Math.max(1, Math.ceil(labels.length / MAX_X_LABELS));
  return {
    x: i =>
      PAD.left +
      (labels.length <= 1 ? PLOT_W / 2 : (i * PLOT_W) / (labels.length - 1)),
    y: v => PAD.top + PLOT_H - (v / max) * PLOT_H,
    ticks: [0, max / 2, max],
    showsLabel: i => i % labelEvery === 0 || i === labels.length - 1,
  };
}

/** The chart in words: every series' value on the last day. */
export function chartDescription(
  yLabel: string,
  labels: readonly string[],
  series: readonly TrendSeries[],
): string {
  const last = labels[labels.length - 1];
  return last
    ? `${yLabel} on ${last}: ${series
        .map(s => `${s.name} ${s.values[last] ?? 'no data'}`)
        .join(', ')}.`
    : 'No data yet.';
}
