import { useMemo } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Axes } from './Axes';
import { DataTable } from './DataTable';
import { chartDescription, chartScale, HEIGHT, WIDTH } from './geometry';
import { Legend } from './Legend';
import { SeriesLine } from './SeriesLine';
import { seriesLook, useSeriesColors, useTrendStyles } from './styles';
import type { TrendSeries } from './types';

export type { TrendSeries } from './types';

/**
 * A small line chart in plain SVG. A day without a value is a gap in its
 * line (see runsOf), never a line drawn through it. Lines differ by dash
 * pattern and marker as well as colour, the SVG has a text description, and
 * the data is offered as a table.
 */
export function TrendChart(props: {
  title: string;
  labels: string[];
  series: TrendSeries[];
  yLabel: string;
}) {
  const { title, labels, series, yLabel } = props;
  const classes = useTrendStyles();
  const colors = useSeriesColors();
  const idBase = useMemo(
    () => `trend-${Math.random().toString(36).slice(2, 8)}`,
    [],
  );

  if (labels.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No history yet: the trend appears after the first scans.
      </Typography>
    );
  }
  const scale = chartScale(labels, series);
  const looks = series.map((_, si) => seriesLook(si, colors));
  return (
    <Box component="figure" m={0}>
      <svg
        className={classes.svg}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${idBase}-title ${idBase}-desc`}
      >
        <title id={`${idBase}-title`}>{title}</title>
        <desc id={`${idBase}-desc`}>
          {chartDescription(yLabel, labels, series)}
        </desc>
        <Axes labels={labels} scale={scale} />
        {series.map((s, si) => (
          <SeriesLine
            key={s.name}
            labels={labels}
            series={s}
            look={looks[si]}
            scale={scale}
          />
        ))}
      </svg>
      <figcaption>
        <Legend series={series} looks={looks} />
        <DataTable title={title} labels={labels} series={series} />
      </figcaption>
    </Box>
  );
}
