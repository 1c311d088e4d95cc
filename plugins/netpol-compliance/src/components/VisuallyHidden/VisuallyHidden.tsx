import type { CSSProperties, ReactNode } from 'react';

// Off screen but read by screen readers: a column header whose column
// holds only buttons or toggles still needs a name.
const STYLE: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};

export function VisuallyHidden(props: { children: ReactNode }) {
  return <span style={STYLE}>{props.children}</span>;
}
