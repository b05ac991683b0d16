import type { CSSProperties } from 'react';

/**
 * A grey placeholder of the shape of what is loading: a line of text (`width` of its container),
 * a large figure, or a block of a given height (a chart). Hidden from assistive technology: the
 * section around it says it is loading.
 */
export function Skeleton({ shape = 'line', width, height }: { shape?: 'line' | 'value' | 'chart' | 'block'; width?: string; height?: number }) {
  const style: CSSProperties = {};
  if (width) style.width = width;
  if (height !== undefined) style.height = `${height}px`;
  const className = shape === 'block' ? 'skeleton' : `skeleton skeleton-${shape}`;
  return <div className={className} style={style} aria-hidden="true" />;
}
