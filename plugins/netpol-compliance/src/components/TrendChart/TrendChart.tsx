import { useMemo } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { runsOf } from './runs';

/** One line of the chart. */
export interface TrendSeries {
  name: string;
  /** Values per x label; missing labels are gaps. */
  values: Record<string, number>;
}

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 12, right: 16, bottom: 28, left: 40 };
const DASHES = ['', '6 3', '2 3', '10 4 2 4', '1 2', '8 2 2 2 2 2'];
const MARKERS = [
  'circle',
  'square',
  'triangle',
  'diamond',
  'cross',
  'circle',
] as const;

const useStyles = makeStyles(theme => ({
  svg: { width: '100%', maxWidth: WIDTH, height: 'auto', overflow: 'visible' },
  axis: { stroke: theme.palette.text.secondary, strokeWidth: 1 },
  grid: { stroke: theme.palette.divider, strokeWidth: 1 },
  label: { fill: theme.palette.text.secondary, fontSize: 11 },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(1, 0),
  },
  table: {
    borderCollapse: 'collapse',
    '& th, & td': {
      padding: theme.spacing(0.5, 1),
      borderBottom: `1px solid ${theme.palette.divider}`,
      textAlign: 'right',
    },
    '& th:first-child, & td:first-child': { textAlign: 'left' },
  },
}));

function Marker(props: {
  kind: (typeof MARKERS)[number];
  x: number;
  y: number;
  color: string;
}) {
  const { kind, x, y, color } = props;
  const s = 3.5;
  switch (kind) {
    case 'square':
      return (
        <rect x={x - s} y={y - s} width={s * 2} height={s * 2} fill={color} />
      );
    case 'triangle':
      return (
        <polygon
          points={`${x},${y - s} ${x + s},${y + s} ${x - s},${y + s}`}
          fill={color}
        />
      );
    case 'diamond':
      return (
        <polygon
          points={`${x},${y - s} ${x + s},${y} ${x},${y + s} ${x - s},${y}`}
          fill={color}
        />
      );
    case 'cross':
      return (
        <path
          d={`M${x - s},${y - s}L${x + s},${y + s}M${x + s},${y - s}L${x - s},${
            y + s
          }`}
          stroke={color}
          strokeWidth={2}
        />
      );
    default:
      return <circle cx={x} cy={y} r={s} fill={color} />;
  }
}

function niceMax(value: number): number {
  if (value <= 5) return 5;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return Math.ceil(value / magnitude) * magnitude;
}

/**
 * A small line chart in plain SVG. A day without a value is a gap in its
 * line (see runsOf), never a line drawn through it. Lines differ by dash pattern and marker as
 * well as colour, the SVG has a text description, and the data is offered as
 * a table.
 */
export function TrendChart(props: {
  title: string;
  labels: string[];
  series: TrendSeries[];
  yLabel: string;
}) {
  const { title, labels, series, yLabel } = props;
  const classes = useStyles();
  const theme = useTheme();
  const colors = [
    theme.palette.error.main,
    theme.palette.primary.main,
    theme.palette.warning?.main ?? '#F0AB00',
    theme.palette.secondary.main,
    theme.palette.success?.main ?? '#3E8635',
    theme.palette.text.primary,
  ];
  const idBase = useMemo(
    () => `trend-${Math.random().toString(36).slice(2, 8)}`,
    [],
  );
  const max = niceMax(
    Math.max(0, ...series.flatMap(s => labels.map(l => s.values[l] ?? 0))),
  );
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) =>
    PAD.left +
    (labels.length <= 1 ? plotW / 2 : (i * plotW) / (labels.length - 1));
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const ticks = [0, max / 2, max];
  const labelEvery = Math.max(1, Math.ceil(labels.length / 6));
  const last = labels[labels.length - 1];
  const description = last
    ? `${yLabel} on ${last}: ${series
        .map(s => `${s.name} ${s.values[last] ?? 'no data'}`)
        .join(', ')}.`
    : 'No data yet.';

  if (labels.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No history yet: the trend appears after the first scans.
      </Typography>
    );
  }
  return (
    <Box component="figure" m={0}>
      <svg
        className={classes.svg}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${idBase}-title ${idBase}-desc`}
      >
        <title id={`${idBase}-title`}>{title}</title>
        <desc id={`${idBase}-desc`}>{description}</desc>
        {ticks.map(t => (
          <g key={t}>
            <line
              className={classes.grid}
              x1={PAD.left}
              x2={WIDTH - PAD.right}
              y1={y(t)}
              y2={y(t)}
            />
            <text
              className={classes.label}
              x={PAD.left - 6}
              y={y(t) + 4}
              textAnchor="end"
            >
              {Math.round(t)}
            </text>
          </g>
        ))}
        <line
          className={classes.axis}
          x1={PAD.left}
          x2={PAD.left}
          y1={PAD.top}
          y2={PAD.top + plotH}
        />
        <line
          className={classes.axis}
          x1={PAD.left}
          x2={WIDTH - PAD.right}
          y1={PAD.top + plotH}
          y2={PAD.top + plotH}
        />
        {labels.map((l, i) =>
          i % labelEvery === 0 || i === labels.length - 1 ? (
            <text
              key={l}
              className={classes.label}
              x={x(i)}
              y={HEIGHT - 8}
              textAnchor="middle"
            >
              {l.slice(5)}
            </text>
          ) : null,
        )}
        {series.map((s, si) => {
          const color = colors[si % colors.length];
          const runs = runsOf(labels, s.values);
          const points = runs.flat().map(p => [x(p.index), y(p.value)]);
          return (
            <g key={s.name}>
              {runs
                .filter(run => run.length > 1)
                .map(run => (
                  <polyline
                    key={run[0].index}
                    points={run
                      .map(p => `${x(p.index)},${y(p.value)}`)
                      .join(' ')}
                    fill="none"
                    stroke={color}
                    strokeWidth={2}
                    strokeDasharray={DASHES[si % DASHES.length]}
                  />
                ))}
              {points.map(([px, py], i) => (
                <Marker
                  key={i}
                  kind={MARKERS[si % MARKERS.length]}
                  x={px}
                  y={py}
                  color={color}
                />
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className={classes.legend} aria-label="Legend">
          {series.map((s, si) => {
            const color = colors[si % colors.length];
            return (
              <li key={s.name}>
                <svg width="36" height="12" aria-hidden="true">
                  <line
                    x1="0"
                    x2="36"
                    y1="6"
                    y2="6"
                    stroke={color}
                    strokeWidth={2}
                    strokeDasharray={DASHES[si % DASHES.length]}
                  />
                  <Marker
                    kind={MARKERS[si % MARKERS.length]}
                    x={18}
                    y={6}
                    color={color}
                  />
                </svg>{' '}
                <Typography variant="caption">{s.name}</Typography>
              </li>
            );
          })}
        </ul>
        <details>
          <summary>
            <Typography variant="caption">Show the data as a table</Typography>
          </summary>
          <table className={classes.table}>
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                {series.map(s => (
                  <th scope="col" key={s.name}>
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map(l => (
                <tr key={l}>
                  <th scope="row">{l}</th>
                  {series.map(s => (
                    <td key={s.name}>{s.values[l] ?? '—'}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figcaption>
    </Box>
  );
}
