/**
 * The label the API server sets on every namespace to its name: what a
 * namespaceSelector names one namespace by, and what generated policies use.
 */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
