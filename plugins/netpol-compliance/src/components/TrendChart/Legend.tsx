import Typography from '@material-ui/core/Typography';
import { Marker } from './Marker';
import { useTrendStyles, type SeriesLook } from './styles';
import type { TrendSeries } from './types';

/** Each series' name beside a sample of its line and marker. */
export function Legend(props: {
  series: readonly TrendSeries[];
  looks: readonly SeriesLook[];
}) {
  const { series, looks } = props;
  const classes = useTrendStyles();
  return (
    <ul className={classes.legend} aria-label="Legend">
      {series.map((s, si) => (
        <li key={s.name}>
          <svg width="36" height="12" aria-hidden="true">
            <line
              x1="0"
              x2="36"
              y1="6"
              y2="6"
              stroke={looks[si].color}
              strokeWidth={2}
              strokeDasharray={looks[si].dash}
            />
            <Marker
              kind={looks[si].marker}
              x={18}
              y={6}
              color={looks[si].color}
            />
          </svg>{' '}
          <Typography variant="caption">{s.name}</Typography>
        </li>
      ))}
    </ul>
  );
}
