import { ARROWS, type ChangeView } from '@/lib/trends/change-view';

/**
 * One card's change: an arrow and a colour for the eye (green for good news, red for bad, so
 * "up" is red for unmatched), and the same in words for screen readers ("up 5.2% from 1,980").
 */
export function KpiChange({ change, as: Element = 'dd' }: { change: ChangeView; as?: 'dd' | 'span' }) {
  return (
    <Element className={`kpi-change tone-${change.tone}`} data-direction={change.direction}>
      <span aria-hidden="true">
        {change.shown ? (
          <>
            <span className="kpi-arrow">{ARROWS[change.direction]}</span> <strong>{change.shown}</strong>{' '}
          </>
        ) : null}
        <span className="muted">{change.from}</span>
      </span>
      <span className="visually-hidden">{change.spoken}</span>
    </Element>
  );
}
