import { CONTROLS, getControl } from '@netpol/plugin-netpol-compliance-common';
import { controlDocument } from './controlDocuments';
import { NetpolControlCollatorFactory } from './NetpolControlCollatorFactory';

describe('controlDocument', () => {
  it('carries what the control checks, why, how to fix it and its framework items', () => {
    const control = getControl('NETPOL-001')!;
    const doc = controlDocument(control);
    expect(doc.title).toBe(`NETPOL-001: ${control.title}`);
    expect(doc.text).toContain(control.passes);
    expect(doc.text).toContain(control.rationale);
    expect(doc.text).toContain(control.remediation);
    expect(doc.frameworks).toContain('CIS Kubernetes 5.3.2');
    expect(doc.location).toBe('/netpol-compliance/controls/NETPOL-001');
  });

  it('links to the configured control page path, with or without a trailing slash', () => {
    const control = getControl('NETPOL-004')!;
    expect(controlDocument(control, '/security/netpol/').location).toBe('/security/netpol/NETPOL-004');
    expect(controlDocument(control, '/security/netpol').location).toBe('/security/netpol/NETPOL-004');
  });
});

describe('NetpolControlCollatorFactory', () => {
  it('yields one document per control of the catalogue', async () => {
    const ids: string[] = [];
    for await (const doc of await new NetpolControlCollatorFactory().getCollator()) ids.push(doc.controlId);
    expect(ids).toEqual(CONTROLS.map(c => c.id));
  });
});
