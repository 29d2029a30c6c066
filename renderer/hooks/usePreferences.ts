/**
 * Theme and text size: applied as attributes on <html> so plain CSS does the rest, remembered in
 * localStorage, and toggled from the menu too when the desktop shell offers it.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { onMenuCommand } from '../lab';

export type Theme = 'light' | 'dark';

export interface Preferences {
  readonly theme: Theme;
  readonly largeText: boolean;
  /** redraw charts while an experiment runs (costs some CPU that the workers being measured could use) */
  readonly liveCharts: boolean;
  toggleTheme(): void;
  toggleLargeText(): void;
  toggleLiveCharts(): void;
}

const KEY = 'threadlab.preferences';

interface Saved {
  readonly theme: Theme | null;
  readonly largeText: boolean;
  readonly liveCharts: boolean;
}

function load(): Saved {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (raw && typeof raw === 'object') {
      const p = raw as { theme?: unknown; largeText?: unknown; liveCharts?: unknown };
      return {
        theme: p.theme === 'dark' || p.theme === 'light' ? p.theme : null,
        largeText: p.largeText === true,
        liveCharts: p.liveCharts !== false,
      };
    }
  } catch {
    // Storage may be unavailable or hold junk: fall back to the defaults.
  }
  return { theme: null, largeText: false, liveCharts: true };
}

function systemTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light';
}

export function usePreferences(): Preferences {
  const [saved] = useState(load);
  // null until the user picks a theme: until then the system's preference is followed, even as it changes.
  const [choice, setChoice] = useState<Theme | null>(saved.theme);
  const [system, setSystem] = useState<Theme>(systemTheme);
  const [largeText, setLargeText] = useState(saved.largeText);
  const [liveCharts, setLiveCharts] = useState(saved.liveCharts);
  const theme = choice ?? system;

  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const query = matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => setSystem(query.matches ? 'dark' : 'light');
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = theme;
    root.dataset.textSize = largeText ? 'large' : 'normal';
    try {
      localStorage.setItem(KEY, JSON.stringify({ theme: choice, largeText, liveCharts }));
    } catch {
      // Not remembering a preference is harmless.
    }
  }, [theme, choice, largeText, liveCharts]);

  const toggleTheme = useCallback(() => setChoice(theme === 'dark' ? 'light' : 'dark'), [theme]);
  const toggleLargeText = useCallback(() => setLargeText((v) => !v), []);
  const toggleLiveCharts = useCallback(() => setLiveCharts((v) => !v), []);

  useEffect(
    () =>
      onMenuCommand((command) => {
        if (command === 'toggle-large-text') toggleLargeText();
        else toggleTheme();
      }),
    [toggleLargeText, toggleTheme],
  );

  return useMemo(
    () => ({ theme, largeText, liveCharts, toggleTheme, toggleLargeText, toggleLiveCharts }),
    [theme, largeText, liveCharts, toggleTheme, toggleLargeText, toggleLiveCharts],
  );
}
