/**
 * The runs of consecutive x labels that have a value: a chart draws one line
 * per run, so a day without data stays a gap instead of a line joining the
 * days around it (which would claim values nobody measured).
 */
export function runsOf(
  labels: readonly string[],
  values: Readonly<Record<string, number>>,
): Array<Array<{ index: number; value: number }>> {
  const runs: Array<Array<{ index: number; value: number }>> = [];
  let current: Array<{ index: number; value: number }> = [];
  labels.forEach((label, index) => {
    const value = values[label];
    if (value === undefined) {
      if (current.length) runs.push(current);
      current = [];
    } else {
      current.push({ index, value });
    }
  });
  if (current.length) runs.push(current);
  return runs;
}
