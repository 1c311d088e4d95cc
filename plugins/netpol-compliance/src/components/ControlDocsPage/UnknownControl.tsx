import { Content, EmptyState, Link } from '@backstage/core-components';
import type { ControlDocumentation } from '../../api';
import { controlDocsPath } from './links';

/** No control by this id: the known ones, linked when the overview is mounted. */
export function UnknownControl(props: {
  id: string;
  controls: ControlDocumentation[];
  overviewPath?: string;
}) {
  const { id, controls, overviewPath } = props;
  return (
    <Content>
      <EmptyState
        missing="info"
        title={`There is no control ${id || '(none given)'}`}
        description={
          <>
            Known controls:{' '}
            {controls.map((c, i) => (
              <span key={c.id}>
                {i > 0 && ', '}
                {overviewPath ? (
                  <Link to={controlDocsPath(overviewPath, c.id)}>{c.id}</Link>
                ) : (
                  c.id
                )}
              </span>
            ))}
          </>
        }
      />
    </Content>
  );
}
