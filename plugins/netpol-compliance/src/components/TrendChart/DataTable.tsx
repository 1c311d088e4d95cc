import Typography from '@material-ui/core/Typography';
import { useTrendStyles } from './styles';
import type { TrendSeries } from './types';

/** The chart's data as a table, folded away, for who cannot read the chart. */
export function DataTable(props: {
  title: string;
  labels: readonly string[];
  series: readonly TrendSeries[];
}) {
  const { title, labels, series } = props;
  const classes = useTrendStyles();
  return (
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
  );
}
