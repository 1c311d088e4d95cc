/** One line of the chart. */
export interface TrendSeries {
  name: string;
  /** Values per x label; missing labels are gaps. */
  values: Record<string, number>;
}
