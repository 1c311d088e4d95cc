import type { ChartScale } from './geometry';
import { Marker } from './Marker';
import { runsOf } from './runs';
import type { SeriesLook } from './styles';
import type { TrendSeries } from './types';

/**
 * One series: a line per run of days with a value (see runsOf), and a
 * marker on every value, so a lone day between gaps still shows.
 */
export function SeriesLine(props: {
  labels: readonly string[];
  series: TrendSeries;
  look: SeriesLook;
  scale: ChartScale;
}) {
  const { labels, series, look, scale } = props;
  const { x, y } = scale;
  const runs = runsOf(labels, series.values);
  const points = runs.flat().map(p => [x(p.index), y(p.value)]);
  return (
    <g>
      {runs
        .filter(run => run.length > 1)
        .map(run => (
          <polyline
            key={run[0].index}
            points={run.map(p => `${x(p.index)},${y(p.value)}`).join(' ')}
            fill="none"
            stroke={look.color}
            strokeWidth={2}
            strokeDasharray={look.dash}
          />
        ))}
      {points.map(([px, py], i) => (
        <Marker key={i} kind={look.marker} x={px} y={py} color={look.color} />
      ))}
    </g>
  );
}
