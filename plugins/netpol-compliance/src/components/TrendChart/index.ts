export { TrendChart } from './TrendChart';
export type { TrendSeries } from './TrendChart';
