import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NOTIFIER_TASK_ID, startRegressionNotifier } from './startRegressionNotifier';

async function start(notifications?: object) {
  const scheduler = mockServices.scheduler.mock();
  await startRegressionNotifier({
    config: mockServices.rootConfig({ data: { netpolCompliance: notifications ? { notifications } : {} } }),
    scheduler,
    logger: mockServices.logger.mock(),
    database: mockServices.database.mock({ getClient: async () => ({}) as any }),
    catalog: catalogServiceMock(),
    auth: mockServices.auth(),
    scans: { clusterIndexes: async () => [] },
    notifications: { send: jest.fn() },
  });
  return scheduler;
}

describe('startRegressionNotifier', () => {
  it('schedules the notifier once across replicas by default', async () => {
    const scheduler = await start();
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({ id: NOTIFIER_TASK_ID, scope: 'global', frequency: { minutes: 5 } }),
    );
  });

  it('schedules nothing when netpolCompliance.notifications.enabled is false', async () => {
    const scheduler = await start({ enabled: false });
    expect(scheduler.scheduleTask).not.toHaveBeenCalled();
  });

  it('takes its schedule from config', async () => {
    const scheduler = await start({ schedule: { frequency: { minutes: 1 }, timeout: { seconds: 30 } } });
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(expect.objectContaining({ frequency: { minutes: 1 } }));
  });
});
