/**
 * The demos as cards in chapters. Every card is a button; arrow keys, Home and End move between them (Tab
 * enters and leaves the list at the selected card), so a presenter never needs the mouse.
 */
import { useMemo, useRef, type KeyboardEvent } from 'react';
import type { DemoId, DemoMeta } from '../../../electron/common/demos';
import type { DemoRunStatus } from '../../state/demo-runs';
import { demoChapters } from '../../state/demo-groups';

interface Props {
  readonly catalog: readonly DemoMeta[];
  readonly selected: DemoId | null;
  readonly running: DemoId | null;
  /** the last run's status per demo, for a small badge */
  readonly statuses: Partial<Readonly<Record<DemoId, DemoRunStatus>>>;
  readonly onSelect: (id: DemoId) => void;
}

const USES: Readonly<Record<DemoMeta['uses'][number], string>> = {
  threads: 'threads',
  processes: 'processes',
  gil: 'GIL',
  sockets: 'sockets',
};

const STATUS_TEXT: Readonly<Record<DemoRunStatus, string>> = {
  running: 'running',
  finished: 'measured',
  failed: 'failed',
  cancelled: 'stopped',
};

export function DemoList({ catalog, selected, running, statuses, onSelect }: Props) {
  const chapters = useMemo(() => demoChapters(catalog), [catalog]);
  const listRef = useRef<HTMLDivElement>(null);

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const cards = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button.demo-card') ?? [])];
    const i = cards.findIndex((c) => c === document.activeElement);
    if (i < 0) return;
    const next =
      e.key === 'ArrowDown' || e.key === 'ArrowRight'
        ? i + 1
        : e.key === 'ArrowUp' || e.key === 'ArrowLeft'
          ? i - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? cards.length - 1
              : null;
    if (next === null) return;
    e.preventDefault();
    cards[Math.max(0, Math.min(cards.length - 1, next))]?.focus();
  };

  return (
    <nav className="demo-list" aria-label="Demos" ref={listRef} onKeyDown={onKey} data-testid="demo-list">
      {chapters.map((chapter) => (
        <section key={chapter.title} className="demo-chapter" aria-label={chapter.title}>
          <h3 className="demo-chapter-title">{chapter.title}</h3>
          <ul className="demo-cards">
            {chapter.demos.map((d) => {
              const status = running === d.id ? 'running' : statuses[d.id];
              const current = d.id === selected;
              return (
                <li key={d.id}>
                  <button
                    type="button"
                    className="demo-card"
                    aria-current={current ? 'page' : undefined}
                    // One tab stop for the whole list: the selected card (arrows do the rest).
                    tabIndex={current || (selected === null && d === catalog[0]) ? 0 : -1}
                    onClick={() => onSelect(d.id)}
                    data-testid={`demo-card-${d.id}`}
                  >
                    <span className="demo-card-title">{d.title}</span>
                    <span className="demo-card-concept">{d.concept}</span>
                    <span className="demo-card-badges">
                      {d.uses.map((u) => (
                        <span key={u} className="demo-badge">
                          {USES[u]}
                        </span>
                      ))}
                      {status ? (
                        <span className={`demo-badge demo-badge-${status}`}>{STATUS_TEXT[status]}</span>
                      ) : null}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </nav>
  );
}
