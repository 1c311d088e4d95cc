import {
  letInBy,
  LeastPrivilegeFix as Fix,
  OpenPath,
} from '@netpol/plugin-netpol-compliance-common';

/** `kubectl delete` for the policies a set replaces: `apply` adds and overwrites, it never deletes. */
export function kubectlDeleteCommand(
  namespace: string,
  names: string[],
): string {
  return `kubectl delete networkpolicy -n ${namespace} ${names.join(' ')}`;
}

export function declaredLine(fix: Fix): string {
  if (!fix.declared.length)
    return 'No declared connection has an end in this namespace';
  const allowed = fix.declared.filter(d => d.allowed).length;
  return `${allowed} of ${fix.declared.length} declared connections allowed`;
}

/** The namespace controls' outcomes with the set applied. */
export function controlsLine(fix: Fix): string {
  return (
    fix.controls.map(c => `${c.control} ${c.status}`).join(', ') ||
    'not evaluated'
  );
}

/** What a replaced policy lets in today, from the namespace's open but undeclared paths. */
export function letsInToday(
  namespace: string,
  name: string,
  openPaths: OpenPath[],
): string {
  const paths = letInBy(namespace, name, openPaths);
  return paths.length ? `; today it lets in ${paths.join(', ')}` : '';
}
