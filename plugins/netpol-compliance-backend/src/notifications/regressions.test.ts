import type { ControlStatus } from '@netpol/plugin-netpol-compliance-common';
import type { ReportIndex } from '../store/reportParts';
import { ClusterMemory, detectRegressions } from './regressions';

function report(
  scannedAt: string,
  namespaces: Record<string, Record<string, ControlStatus>>,
  enforcer: ControlStatus = 'pass',
): ReportIndex {
  return {
    head: {
      cluster: { name: 'eu' },
      scannedAt,
      results: [{ control: 'NETPOL-002', status: enforcer, reason: `enforcer ${enforcer}`, evidence: {} }],
      errors: [],
    },
    namespaces: Object.entries(namespaces).map(([namespace, controls]) => ({
      namespace,
      results: Object.entries(controls).map(([control, status]) => ({
        control: control as any,
        status,
        reason: `${control} ${status}`,
      })),
      workloadLabels: [],
    })),
  };
}

/** Feeds reports in order, returning the regressions of each. */
function run(...reports: ReportIndex[]) {
  let memory: ClusterMemory | undefined;
  return reports.map(r => {
    const out = detectRegressions(memory, r);
    memory = out.memory;
    return out.regressions.map(g => `${g.namespace ?? '<cluster>'}:${g.control}`);
  });
}

describe('detectRegressions', () => {
  it('announces a pass turning into a fail once, not on each scan the failure stands', () => {
    expect(
      run(
        report('t1', { shop: { 'NETPOL-004': 'pass' } }),
        report('t2', { shop: { 'NETPOL-004': 'fail' } }),
        report('t3', { shop: { 'NETPOL-004': 'fail' } }),
      ),
    ).toEqual([[], ['shop:NETPOL-004'], []]);
  });

  it('takes the first report as a baseline: standing failures are not announced on install', () => {
    expect(run(report('t1', { shop: { 'NETPOL-001': 'fail' } }))).toEqual([[]]);
  });

  it('does not announce a standing failure again after an unknown scan in between', () => {
    expect(
      run(
        report('t1', { shop: { 'NETPOL-004': 'fail' } }),
        report('t2', { shop: { 'NETPOL-004': 'unknown' } }),
        report('t3', { shop: { 'NETPOL-004': 'fail' } }),
      ),
    ).toEqual([[], [], []]);
  });

  it('announces a pass that fails after an unknown scan in between', () => {
    expect(
      run(
        report('t1', { shop: { 'NETPOL-004': 'pass' } }),
        report('t2', { shop: { 'NETPOL-004': 'unknown' } }),
        report('t3', { shop: { 'NETPOL-004': 'fail' } }),
      ),
    ).toEqual([[], [], ['shop:NETPOL-004']]);
  });

  it('announces again when a fixed failure regresses a second time', () => {
    expect(
      run(
        report('t1', { shop: { 'NETPOL-004': 'pass' } }),
        report('t2', { shop: { 'NETPOL-004': 'fail' } }),
        report('t3', { shop: { 'NETPOL-004': 'pass' } }),
        report('t4', { shop: { 'NETPOL-004': 'fail' } }),
      ),
    ).toEqual([[], ['shop:NETPOL-004'], [], ['shop:NETPOL-004']]);
  });

  it('announces an enforcer that disappears as a cluster regression', () => {
    expect(
      run(report('t1', { shop: { 'NETPOL-001': 'pass' } }), report('t2', { shop: { 'NETPOL-001': 'pass' } }, 'fail')),
    ).toEqual([[], ['<cluster>:NETPOL-002']]);
  });

  it('forgets a deleted namespace: one recreated without policies is new, not a regression', () => {
    expect(
      run(
        report('t1', { shop: { 'NETPOL-001': 'pass' } }),
        report('t2', {}),
        report('t3', { shop: { 'NETPOL-001': 'fail' } }),
      ),
    ).toEqual([[], [], []]);
  });

  it('does not count a warning as a failure', () => {
    expect(
      run(report('t1', { shop: { 'NETPOL-006': 'pass' } }), report('t2', { shop: { 'NETPOL-006': 'warning' } })),
    ).toEqual([[], []]);
  });
});
