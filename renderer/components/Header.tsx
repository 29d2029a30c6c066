/** Title bar with the machine at a glance and the projector controls (text size, theme). */
import type { LabInfo } from '../../electron/common/api';
import type { Preferences } from '../hooks/usePreferences';

export function Header({ info, prefs }: { info: LabInfo | null; prefs: Preferences }) {
  const m = info?.machine;
  return (
    <header className="app-header">
      <div className="brand">
        <h1>ThreadLab</h1>
        <p className="tagline">What threads, processes and a GIL do to real work on this computer</p>
      </div>
      {m ? (
        <p className="machine-chip" data-testid="machine-chip">
          {m.logicalCores} cores · {m.cpuModel}
        </p>
      ) : null}
      <div className="header-controls">
        <button
          type="button"
          className="button button-quiet"
          aria-pressed={prefs.largeText}
          onClick={prefs.toggleLargeText}
          data-testid="toggle-large-text"
        >
          <span aria-hidden="true">A</span>
          <span aria-hidden="true" className="big-a">
            A
          </span>{' '}
          Large text
        </button>
        <button
          type="button"
          className="button button-quiet"
          aria-pressed={prefs.theme === 'dark'}
          onClick={prefs.toggleTheme}
          data-testid="toggle-theme"
        >
          Dark theme
        </button>
      </div>
    </header>
  );
}
