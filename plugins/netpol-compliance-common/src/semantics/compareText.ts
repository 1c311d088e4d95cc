/**
 * Code-unit order of two strings, the same on every machine (localeCompare
 * depends on the locale): for sorting names into a stable order.
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
