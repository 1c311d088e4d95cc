import { ComponentType, PropsWithChildren } from 'react';
import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import type { ControlStatus as Status } from '@netpol/plugin-netpol-compliance-common';
import { STATUS_LABELS } from '../../utils/status';

/**
 * core-components' status components mark themselves aria-hidden; ours carry
 * the outcome as text, so they are made readable again.
 */
type StatusComponent = ComponentType<
  PropsWithChildren<{ 'aria-hidden'?: boolean; 'aria-label'?: string }>
>;

const COMPONENTS: Record<Status, StatusComponent> = {
  pass: StatusOK as StatusComponent,
  fail: StatusError as StatusComponent,
  warning: StatusWarning as StatusComponent,
  unknown: StatusPending as StatusComponent,
  exempt: StatusAborted as StatusComponent,
  'not-applicable': StatusAborted as StatusComponent,
};

/** An outcome as icon and text, never colour alone. */
export function ControlStatus(props: { status: Status; label?: string }) {
  const { status } = props;
  const Component = COMPONENTS[status] ?? (StatusPending as StatusComponent);
  const text = props.label ?? STATUS_LABELS[status] ?? status;
  // Narrow table columns may wrap the label between words, never inside one
  // (Backstage's tables break long words anywhere).
  return (
    <span style={{ wordBreak: 'normal', overflowWrap: 'normal' }}>
      <Component aria-hidden={false} aria-label={undefined}>
        {text}
      </Component>
    </span>
  );
}
