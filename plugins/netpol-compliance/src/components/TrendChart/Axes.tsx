import { HEIGHT, PAD, PLOT_H, WIDTH, type ChartScale } from './geometry';
import { useTrendStyles } from './styles';

/** The y ticks with their grid lines, both axes, and the x labels (MM-DD). */
export function Axes(props: { labels: readonly string[]; scale: ChartScale }) {
  const { labels, scale } = props;
  const { x, y } = scale;
  const classes = useTrendStyles();
  return (
    <>
      {scale.ticks.map(t => (
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
        y2={PAD.top + PLOT_H}
      />
      <line
        className={classes.axis}
        x1={PAD.left}
        x2={WIDTH - PAD.right}
        y1={PAD.top + PLOT_H}
        y2={PAD.top + PLOT_H}
      />
      {labels.map((l, i) =>
        scale.showsLabel(i) ? (
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
    </>
  );
}
