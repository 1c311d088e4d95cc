import { mockServices } from '@backstage/backend-test-utils';
import { kubernetesClientUrl, preloadKubernetesClient } from './preloadKubernetesClient';

function preloadIn(pluginIds: string[], load: (url: string) => Promise<unknown>) {
  const logger = mockServices.logger.mock();
  const instanceMetadata = {
    getInstalledPlugins: async () => pluginIds.map(pluginId => ({ pluginId, modules: [] })),
  };
  return { logger, outcome: preloadKubernetesClient({ instanceMetadata, logger, load }) };
}

describe('preloadKubernetesClient', () => {
  it('loads the client the kubernetes backend would import, once, where that plugin runs', async () => {
    const load = jest.fn(async () => ({}));
    const { outcome } = preloadIn(['catalog', 'kubernetes', 'netpol-compliance'], load);
    expect(await outcome).toBe('loaded');
    expect(load).toHaveBeenCalledTimes(1);
    expect(load).toHaveBeenCalledWith(kubernetesClientUrl());
  });

  it('resolves the client from the kubernetes backend, the file its own import() loads', () => {
    const url = kubernetesClientUrl();
    expect(url).toMatch(/^file:\/\/.*\/node_modules\/@kubernetes\/client-node\/dist\/index\.js$/);
  });

  it('loads nothing where the kubernetes plugin is not in this backend, even one of a lookalike id', async () => {
    const load = jest.fn(async () => ({}));
    const { outcome } = preloadIn(['catalog', 'kubernetes-ingestor', 'netpol-compliance'], load);
    expect(await outcome).toBe('not-in-this-backend');
    expect(load).not.toHaveBeenCalled();
  });

  it('does not fail the plugin when the client cannot be loaded', async () => {
    const { outcome, logger } = preloadIn(['kubernetes'], async () => {
      throw new Error('Cannot use import statement outside a module');
    });
    expect(await outcome).toBe('failed');
    expect(logger.debug).toHaveBeenCalledWith(expect.stringContaining('Could not preload'));
  });

  it('does not reject when the installed plugins cannot be listed', async () => {
    const load = jest.fn(async () => ({}));
    const outcome = preloadKubernetesClient({
      instanceMetadata: {
        getInstalledPlugins: async () => {
          throw new Error('no instance metadata');
        },
      },
      logger: mockServices.logger.mock(),
      load,
    });
    await expect(outcome).resolves.toBe('failed');
    expect(load).not.toHaveBeenCalled();
  });
});
