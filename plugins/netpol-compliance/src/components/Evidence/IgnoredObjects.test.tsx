import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { IgnoredObjects } from './IgnoredObjects';

describe('IgnoredObjects', () => {
  it('lists each refused object with why, so a passing namespace does not hide a policy that does nothing', async () => {
    await renderInTestApp(
      <IgnoredObjects
        ignored={[
          {
            object: {
              kind: 'CiliumNetworkPolicy',
              namespace: 'shop',
              name: 'allow-web',
            },
            problems: [
              'spec.ingress[0].fromEntities[0]: unsupported value "everything"',
            ],
          },
        ]}
      />,
    );
    expect(
      screen.getByRole('region', { name: 'Ignored objects' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/one invalid object/)).toBeInTheDocument();
    expect(
      screen.getByText('CiliumNetworkPolicy shop/allow-web'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/unsupported value "everything"/),
    ).toBeInTheDocument();
  });

  it('renders nothing when no object was refused', async () => {
    await renderInTestApp(<IgnoredObjects ignored={[]} />);
    expect(
      screen.queryByRole('region', { name: 'Ignored objects' }),
    ).toBeNull();
  });
});
