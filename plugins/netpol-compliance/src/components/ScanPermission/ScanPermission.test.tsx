import { render, screen } from '@testing-library/react';
import { mockApis, TestApiProvider } from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { ScanPermission } from './ScanPermission';

const show = (allowed: boolean) => <span>{allowed ? 'may scan' : 'may not scan'}</span>;

describe('ScanPermission', () => {
  it('asks the permission API for netpol.compliance.scan and passes on a refusal', async () => {
    const authorize = jest.fn((): AuthorizeResult.DENY => AuthorizeResult.DENY);
    render(
      <TestApiProvider apis={[[permissionApiRef, mockApis.permission({ authorize })]]}>
        <ScanPermission>{show}</ScanPermission>
      </TestApiProvider>,
    );
    expect(await screen.findByText('may not scan')).toBeInTheDocument();
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({ permission: expect.objectContaining({ name: 'netpol.compliance.scan' }) }),
    );
  });

  it('allows scans in an app without the permission framework, as its backend does', () => {
    render(
      <TestApiProvider apis={[]}>
        <ScanPermission>{show}</ScanPermission>
      </TestApiProvider>,
    );
    expect(screen.getByText('may scan')).toBeInTheDocument();
  });
});
