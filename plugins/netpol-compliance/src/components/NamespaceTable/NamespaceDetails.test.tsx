import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { passingNamespace } from '../../testing/fixtures';
import { NamespaceDetails } from './NamespaceDetails';

describe('NamespaceDetails', () => {
  it('lists an ignored invalid object even when every control passes', async () => {
    const report = {
      ...passingNamespace('prod', 'shop'),
      ignored: [
        {
          object: {
            kind: 'CalicoNetworkPolicy',
            namespace: 'shop',
            name: 'allow-web',
          },
          problems: ['spec.order: must be a number'],
        },
      ],
    };
    expect(report.results.every(r => r.status === 'pass')).toBe(true);
    await renderInTestApp(<NamespaceDetails report={report} />);
    expect(
      screen.getByRole('region', { name: 'Ignored objects' }),
    ).toHaveTextContent(
      'CalicoNetworkPolicy shop/allow-web: spec.order: must be a number',
    );
  });
});
