import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type {
  LoggerService,
  RootInstanceMetadataService,
} from '@backstage/backend-plugin-api';

const KUBERNETES_BACKEND = '@backstage/plugin-kubernetes-backend';
const KUBERNETES_CLIENT = '@kubernetes/client-node';

/** Where the kubernetes backend's own `import()` of its client lands, as a file URL. */
export function kubernetesClientUrl(): string {
  const fromKubernetesBackend = createRequire(require.resolve(KUBERNETES_BACKEND));
  return pathToFileURL(fromKubernetesBackend.resolve(KUBERNETES_CLIENT)).href;
}

export type PreloadOutcome = 'loaded' | 'not-in-this-backend' | 'failed';

/**
 * The kubernetes backend imports `@kubernetes/client-node`, an ES module of
 * several hundred files, on its first proxied request: about 800 ms, of
 * which one stretch of 180 to 230 ms holds the event loop (compiling and
 * evaluating the module graph). In this plugin's process that first request
 * is the first scan's, so every other plugin's requests waited behind it.
 *
 * Loaded while the backend starts instead, before it reports ready, the
 * module is already in the process's module map when the kubernetes backend
 * asks for it: the same file, resolved from the kubernetes backend's package,
 * so the same instance and no second copy. Only where the kubernetes plugin
 * runs in this backend; a failure costs nothing but the head start, and
 * never rejects (init awaits it last, so it must not go unhandled before).
 */
export async function preloadKubernetesClient(options: {
  instanceMetadata: RootInstanceMetadataService;
  logger: LoggerService;
  /** The loader, replaceable in tests. */
  load?: (url: string) => Promise<unknown>;
}): Promise<PreloadOutcome> {
  const { instanceMetadata, logger, load = url => import(url) } = options;
  const started = performance.now();
  try {
    const plugins = await instanceMetadata.getInstalledPlugins();
    if (!plugins.some(plugin => plugin.pluginId === 'kubernetes')) return 'not-in-this-backend';
    await load(kubernetesClientUrl());
  } catch (error) {
    logger.debug(`Could not preload ${KUBERNETES_CLIENT} for the kubernetes backend: ${error}`);
    return 'failed';
  }
  logger.debug(
    `Preloaded ${KUBERNETES_CLIENT} for the kubernetes backend in ${Math.round(performance.now() - started)} ms`,
  );
  return 'loaded';
}
