import type { MarkerKind } from './styles';

const SIZE = 3.5;

/** A point of a series, shaped by the series as well as coloured. */
export function Marker(props: {
  kind: MarkerKind;
  x: number;
  y: number;
  color: string;
}) {
  const { kind, x, y, color } = props;
  const s = SIZE;
  switch (kind) {
    case 'square':
      return (
        <rect x={x - s} y={y - s} width={s * 2} height={s * 2} fill={color} />
      );
    case 'triangle':
      return (
        <polygon
          points={`${x},${y - s} ${x + s},${y + s} ${x - s},${y + s}`}
          fill={color}
        />
      );
    case 'diamond':
      return (
        <polygon
          points={`${x},${y - s} ${x + s},${y} ${x},${y + s} ${x - s},${y}`}
          fill={color}
        />
      );
    case 'cross':
      return (
        <path
          d={`M${x - s},${y - s}L${x + s},${y + s}M${x + s},${y - s}L${x - s},${
            y + s
          }`}
          stroke={color}
          strokeWidth={2}
        />
      );
    default:
      return <circle cx={x} cy={y} r={s} fill={color} />;
  }
}
