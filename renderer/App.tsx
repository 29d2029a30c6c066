/**
 * The page: header, the section tabs, the chosen section. The engine's info is fetched once here; a
 * section that is not shown is not mounted, so it costs nothing while another one runs.
 */
import { memo, useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import type { ExperimentConfig } from '../electron/common/config';
import { ErrorAlert } from './components/common/ErrorAlert';
import { Header } from './components/Header';
import { useLabInfo } from './hooks/useLabInfo';
import { usePreferences } from './hooks/usePreferences';
import { onSectionRequest } from './lab';
import { SECTIONS } from './sections';
import type { BuilderPreset } from './sections/section';

const StaticHeader = memo(Header);

export function App() {
  const prefs = usePreferences();
  const { info, error: infoError, reload } = useLabInfo();
  const [current, setSection] = useState(SECTIONS[0]?.id ?? 'lab');
  const [builderPreset, setBuilderPreset] = useState<BuilderPreset | null>(null);
  // Leaving the Lab drops re-opened settings, as it drops what was typed into the builder.
  const setCurrent = useCallback((id: string) => {
    setSection(id);
    if (id !== 'lab') setBuilderPreset(null);
  }, []);
  // A report's "Edit in builder" from any section: the Lab shows its builder with those settings.
  const editInBuilder = useCallback((config: ExperimentConfig) => {
    setBuilderPreset((p) => ({ config, key: (p?.key ?? 0) + 1 }));
    setSection('lab');
  }, []);
  // The shell's menu can ask for a section (File > Import report... opens Reports from anywhere).
  useEffect(
    () =>
      onSectionRequest((id) => {
        if (SECTIONS.some((s) => s.id === id)) setCurrent(id);
      }),
    [setCurrent],
  );

  if (infoError) {
    return (
      <main className="app">
        <Header info={null} prefs={prefs} />
        <ErrorAlert error={infoError} title="The engine did not answer" />
        <button type="button" className="button" onClick={reload}>
          Try again
        </button>
      </main>
    );
  }
  if (!info) {
    return (
      <main className="app" aria-busy="true">
        <Header info={null} prefs={prefs} />
        <p className="note">Asking the engine about this machine…</p>
      </main>
    );
  }

  // Arrow keys move between tabs, as in any tab list.
  const onKey = (e: KeyboardEvent) => {
    const i = SECTIONS.findIndex((s) => s.id === current);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = SECTIONS[(i + step + SECTIONS.length) % SECTIONS.length];
    if (next) {
      setCurrent(next.id);
      document.getElementById(`tab-${next.id}`)?.focus();
    }
  };
  const section = SECTIONS.find((s) => s.id === current) ?? SECTIONS[0];

  return (
    <main className="app">
      <StaticHeader info={info} prefs={prefs} />
      {SECTIONS.length > 1 ? (
        <nav className="section-tabs" role="tablist" aria-label="Sections" onKeyDown={onKey}>
          {SECTIONS.map((s) => (
            <button
              key={s.id}
              id={`tab-${s.id}`}
              type="button"
              role="tab"
              aria-selected={s.id === current}
              aria-controls={`section-${s.id}`}
              tabIndex={s.id === current ? 0 : -1}
              data-testid={`tab-${s.id}`}
              className="section-tab"
              onClick={() => setCurrent(s.id)}
            >
              {s.title}
            </button>
          ))}
        </nav>
      ) : null}
      {section ? (
        <div id={`section-${section.id}`} role="tabpanel" aria-labelledby={`tab-${section.id}`}>
          <section.Component
            info={info}
            prefs={prefs}
            editInBuilder={editInBuilder}
            builderPreset={builderPreset}
          />
        </div>
      ) : null}
      <footer className="app-footer">
        ThreadLab {info.version} · engine via {info.transport}
      </footer>
    </main>
  );
}
