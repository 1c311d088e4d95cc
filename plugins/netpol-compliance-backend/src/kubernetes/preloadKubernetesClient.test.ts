import { mockServices } from '@backstage/backend-test-utils';
import { kubernetesClientUrl, preloadKubernetesClient } from './preloadKubernetesClient';

function instanceWith(...pluginIds: string[]) {
  return {
    getInstalledPlugins: async () => pluginIds.map(pluginId => ({ pluginId, modules: [] })),
  };
}

describe('preloadKubernetesClient', () => {
  it('loads the client the kubernetes backend would import, once, where that plugin runs', async () => {
    const load = jest.fn(async () => ({}));
    const outcome = await preloadKubernetesClient({
      instanceMetadata: instanceWith('catalog', 'kubernetes', 'netpol-compliance'),
      logger: mockServices.logger.mock(),
      load,
    });
    expect(outcome).toBe('loaded');
    expect(load).toHaveBeenCalledTimes(1);
    expect(load).toHaveBeenCalledWith(kubernetesClientUrl());
  });

  it('resolves the client from the kubernetes backend, the file its own import() loads', () => {
    const url = kubernetesClientUrl();
    expect(url).toMatch(/^file:\/\/.*\/node_modules\/@kubernetes\/client-node\/dist\/index\.js$/);
  });

  it('loads nothing where the kubernetes plugin is not in this backend, even one of a lookalike id', async () => {
    const load = jest.fn(async () => ({}));
    const outcome = await preloadKubernetesClient({
      instanceMetadata: instanceWith('catalog', 'kubernetes-ingestor', 'netpol-compliance'),
      logger: mockServices.logger.mock(),
      load,
    });
    expect(outcome).toBe('not-in-this-backend');
    expect(load).not.toHaveBeenCalled();
  });

  it('does not fail the plugin when the client cannot be loaded', async () => {
    const logger = mockServices.logger.mock();
    const outcome = await preloadKubernetesClient({
      instanceMetadata: instanceWith('kubernetes'),
      logger,
      load: async () => {
        throw new Error('Cannot use import statement outside a module');
      },
    });
    expect(outcome).toBe('failed');
    expect(logger.debug).toHaveBeenCalledWith(expect.stringContaining('Could not preload'));
  });
});
