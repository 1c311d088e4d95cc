/**
 * `netpol-compliance remediate`: the NetworkPolicies that make a namespace
 * pass the namespace controls, as YAML ready for `kubectl apply -f -`.
 */
import { generateRemediation } from '@netpol/plugin-netpol-compliance-common';
import { EXIT_OK, UsageError } from '../exitCodes';
import type { CliIo } from '../io';

/** A Kubernetes namespace name: an RFC 1123 label. */
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export interface RemediateCommandOptions {
  namespace: string;
  /** Allow DNS egress to kube-dns (default true). */
  allowDns: boolean;
  allowSameNamespace: boolean;
}

/** A UsageError for a namespace name Kubernetes would refuse. */
export function checkNamespaceName(namespace: string): void {
  if (namespace.length > 63 || !NAMESPACE_NAME.test(namespace)) {
    throw new UsageError(
      `invalid namespace name "${namespace}": lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters`,
    );
  }
}

/** The YAML, or a UsageError for a name Kubernetes would refuse. */
export function remediationYaml(options: RemediateCommandOptions): string {
  const { namespace } = options;
  checkNamespaceName(namespace);
  return generateRemediation(namespace, {
    allowDns: options.allowDns,
    allowSameNamespace: options.allowSameNamespace,
  });
}

export function runRemediate(
  options: RemediateCommandOptions,
  io: CliIo,
): number {
  io.stdout(remediationYaml(options));
  return EXIT_OK;
}
