import { makeStyles, useTheme } from '@material-ui/core/styles';
import { WIDTH } from './geometry';

const DASHES = ['', '6 3', '2 3', '10 4 2 4', '1 2', '8 2 2 2 2 2'];
const MARKERS = [
  'circle',
  'square',
  'triangle',
  'diamond',
  'cross',
  'circle',
] as const;

export type MarkerKind = (typeof MARKERS)[number];

/** How one series is drawn, the same in the plot and in the legend. */
export interface SeriesLook {
  color: string;
  dash: string;
  marker: MarkerKind;
}

/**
 * The look of the series at `index`: lines differ by dash pattern and
 * marker as well as colour, so they can be told apart without colour.
 */
export function seriesLook(
  index: number,
  colors: readonly string[],
): SeriesLook {
  return {
    color: colors[index % colors.length],
    dash: DASHES[index % DASHES.length],
    marker: MARKERS[index % MARKERS.length],
  };
}

export function useSeriesColors(): string[] {
  const theme = useTheme();
  return [
    theme.palette.error.main,
    theme.palette.primary.main,
    theme.palette.warning?.main ?? '#F0AB00',
    theme.palette.secondary.main,
    theme.palette.success?.main ?? '#3E8635',
    theme.palette.text.primary,
  ];
}

/** One style sheet for the chart's parts, so they share its class names. */
export const useTrendStyles = makeStyles(theme => ({
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
