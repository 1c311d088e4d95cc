/** A filter field's element id, from its label, so the label names it. */
export function fieldId(label: string): string {
  return `netpol-filter-${label.toLowerCase().replace(/\W+/g, '-')}`;
}
