import type { ComponentPropsWithoutRef } from 'react';

type Tone = 'plain' | 'error' | 'warning';

/**
 * A surface of the page. `panel` is a card that says something about the page (an error, an
 * empty range, stale figures) rather than holding figures; its tone colours it.
 */
export function Card({
  panel = false,
  tone = 'plain',
  className,
  ...props
}: ComponentPropsWithoutRef<'section'> & { panel?: boolean; tone?: Tone }) {
  const classes = ['card', panel && 'panel', tone !== 'plain' && `panel-${tone}`, className].filter(Boolean).join(' ');
  return <section className={classes} {...props} />;
}
