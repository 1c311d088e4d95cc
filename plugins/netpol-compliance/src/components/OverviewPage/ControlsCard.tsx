import { InfoCard } from '@backstage/core-components';
import type { ControlDocumentation } from '../../api';
import { ControlSummary } from './ControlSummary';

/** Outcome counts per control; each count filters the namespaces below. */
export function ControlsCard(props: {
  controls: ControlDocumentation[];
  byControl: Record<string, Record<string, number>>;
  onSelect: (control: string, status: string) => void;
}) {
  return (
    <InfoCard
      title="Controls"
      subheader="Namespaces per outcome (clusters for NETPOL-002)"
    >
      <ControlSummary {...props} />
    </InfoCard>
  );
}
