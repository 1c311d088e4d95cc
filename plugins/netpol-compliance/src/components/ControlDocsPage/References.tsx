import { InfoCard, Link } from '@backstage/core-components';

/** Further reading on the control, as external links. */
export function References(props: { references: string[] }) {
  return (
    <InfoCard title="References">
      <ul>
        {props.references.map(ref => (
          <li key={ref}>
            <Link to={ref} externalLinkIcon>
              {ref}
            </Link>
          </li>
        ))}
      </ul>
    </InfoCard>
  );
}
