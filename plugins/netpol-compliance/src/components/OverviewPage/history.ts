import type { HistoryResponse } from '@netpol/plugin-netpol-compliance-common';
import { shortLabel } from '../../utils/status';
import type { TrendSeries } from '../TrendChart';

const DAY_MS = 86_400_000;

/** YYYY-MM-DD of a time, in UTC as the backend writes history days. */
export function utcDay(time: Date): string {
  return time.toISOString().slice(0, 10);
}

/**
 * Every calendar day from `first` to `last` (both YYYY-MM-DD, UTC),
 * inclusive.
 */
export function calendarDays(first: string, last: string): string[] {
  const days: string[] = [];
  const end = Date.parse(last);
  for (let t = Date.parse(first); t <= end; t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/**
 * Lines of non-passing namespaces (fail + warning) per control per day.
 *
 * The x axis holds every calendar day of the window the history was asked
 * for (`days` days up to `today`, as the backend counts them), not only the
 * days that have points: a day without a scan is a label without a value, so
 * the chart leaves a gap there instead of joining the days around it. A point
 * outside the window (the browser's clock differs from the backend's) widens
 * the axis rather than being dropped. No points at all give no labels, so the
 * chart can say there is no history yet.
 */
export function historySeries(
  history: HistoryResponse | undefined,
  days: number,
  today: string = utcDay(new Date()),
): {
  labels: string[];
  series: TrendSeries[];
} {
  const points = history?.points ?? [];
  if (points.length === 0) return { labels: [], series: [] };
  const pointDays = points.map(p => p.day).sort();
  const windowStart = utcDay(
    new Date(Date.parse(today) - (Math.max(days, 1) - 1) * DAY_MS),
  );
  const first = pointDays[0] < windowStart ? pointDays[0] : windowStart;
  const lastPoint = pointDays[pointDays.length - 1];
  const last = lastPoint > today ? lastPoint : today;
  const labels = calendarDays(first, last);

  const byControl = new Map<string, TrendSeries>();
  for (const point of points) {
    let series = byControl.get(point.control);
    if (!series) {
      series = {
        name: `${point.control} ${shortLabel(point.control)}`,
        values: {},
      };
      byControl.set(point.control, series);
    }
    series.values[point.day] =
      (series.values[point.day] ?? 0) +
      (point.counts.fail ?? 0) +
      (point.counts.warning ?? 0);
  }
  const series = [...byControl.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, s]) => s);
  return { labels, series };
}
