import { ConfigReader } from '@backstage/config';
import { readNetpolComplianceConfig } from './config';

const read = (netpolCompliance: object) => readNetpolComplianceConfig(new ConfigReader({ netpolCompliance }));

describe('readNetpolComplianceConfig', () => {
  it('reads durations as Backstage writes them', () => {
    const config = read({ requestTimeout: { seconds: 20 }, clusterTimeout: 'PT2M', historyRetention: { days: 30 } });
    expect(config.requestTimeoutMs).toBe(20_000);
    expect(config.clusterTimeoutMs).toBe(120_000);
    expect(config.historyRetentionMs).toBe(30 * 86_400_000);
  });

  it('limits a scan worker’s heap to 1 GiB unless set, and refuses a limit that is no whole number of MiB', () => {
    expect(read({}).scanWorkerHeapMb).toBe(1024);
    expect(read({ scanWorkerHeapMb: 2047 }).scanWorkerHeapMb).toBe(2047);
    expect(() => read({ scanWorkerHeapMb: 0 })).toThrow(/scanWorkerHeapMb/);
    expect(() => read({ scanWorkerHeapMb: 'lots' })).toThrow(/scanWorkerHeapMb/);
  });

  it('keeps history 400 days and removed clusters’ reports 7 days unless set', () => {
    expect(read({}).historyRetentionMs).toBe(400 * 86_400_000);
    expect(read({}).removedClusterRetentionMs).toBe(7 * 86_400_000);
  });

  it('looks for due clusters a tenth of the period apart, between 1 and 30 seconds, unless set', () => {
    expect(read({}).fleetCheckIntervalMs).toBe(30_000);
    expect(read({ schedule: { frequency: { minutes: 2 }, timeout: { minutes: 1 } } }).fleetCheckIntervalMs).toBe(12_000);
    expect(read({ schedule: { frequency: { seconds: 5 }, timeout: { seconds: 5 } } }).fleetCheckIntervalMs).toBe(1000);
    expect(read({ fleet: { checkInterval: { seconds: 2 } } }).fleetCheckIntervalMs).toBe(2000);
    expect(() => read({ fleet: { checkInterval: { milliseconds: 10 } } })).toThrow(/fleet\.checkInterval/);
  });

  it('still reads the older millisecond keys, but not both forms at once', () => {
    expect(read({ requestTimeoutMs: 5000 }).requestTimeoutMs).toBe(5000);
    expect(() => read({ requestTimeoutMs: 5000, requestTimeout: { seconds: 5 } })).toThrow(
      /set requestTimeout or requestTimeoutMs, not both/,
    );
  });

  it('names the key of a malformed duration', () => {
    expect(() => read({ clusterTimeout: 'ten minutes' })).toThrow(/netpolCompliance\.clusterTimeout/);
    expect(() => read({ requestTimeout: { seconds: 0 } })).toThrow(/netpolCompliance\.requestTimeout/);
  });

  it.each([
    [{ exemptNamespaces: ['kube-system', '*'] }, /netpolCompliance\.exemptNamespaces: "\*" exempts every namespace/],
    [{ clusters: [{ name: 'prod', exemptNamespaces: ['**'] }] }, /netpolCompliance\.clusters\[0\]\.exemptNamespaces/],
  ])('refuses an exemption of every namespace, naming the key', (netpolCompliance, message) => {
    expect(() => read(netpolCompliance)).toThrow(message);
  });

  it('keeps narrower wildcards', () => {
    expect(read({ exemptNamespaces: ['kube-*'] }).evaluateOptions('x').exemptNamespaces).toEqual(['kube-*']);
  });

  it('counts admin policies for NETPOL-001 only when the platform team says so, on every cluster', () => {
    expect(read({}).evaluateOptions('x').countAdminPolicies).toBe(false);
    const counting = read({ countAdminPolicies: true, clusters: [{ name: 'prod', exemptNamespaces: ['kube-*'] }] });
    expect(counting.evaluateOptions('prod').countAdminPolicies).toBe(true);
    expect(counting.evaluateOptions('other').countAdminPolicies).toBe(true);
  });

  it('calls a report stale after twice the schedule, or after staleAfter', () => {
    expect(read({}).staleAfterMs).toBe(60 * 60_000);
    expect(read({ schedule: { frequency: { hours: 2 }, timeout: { minutes: 10 } } }).staleAfterMs).toBe(4 * 3_600_000);
    expect(read({ schedule: { frequency: { cron: '0 * * * *' }, timeout: { minutes: 10 } } }).staleAfterMs).toBe(86_400_000);
    expect(read({ staleAfter: { hours: 6 } }).staleAfterMs).toBe(6 * 3_600_000);
  });

  it('lists the clusters named in per-cluster settings, for the start-up warning', () => {
    expect(read({ clusters: [{ name: 'prod' }, { name: 'staging' }] }).configuredClusters).toEqual(['prod', 'staging']);
  });
});
