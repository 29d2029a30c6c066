/**
 * Presenter mode: the current demo alone, full screen when the browser allows it (else a full-window layout),
 * with keys for a teacher at a projector: P toggles, ← / → move between demos, Esc leaves.
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

export interface Presenter {
  readonly on: boolean;
  /** the Fullscreen API took the screen (false: the full-window layout stands in) */
  readonly fullscreen: boolean;
  toggle(): void;
  leave(): void;
}

const NOT_TEXT = new Set(['radio', 'checkbox', 'button', 'submit', 'reset', 'range', 'color', 'file']);

/** Keys typed into a text field belong to that field, not to the presenter. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) return !NOT_TEXT.has(target.type);
  return target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

/** Arrow keys already mean something in fields, on radios and in the section tabs. */
function ownsArrows(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (isTyping(target) || (target instanceof HTMLInputElement && target.type === 'radio')) return true;
  return target.closest('[role="tablist"],[role="radiogroup"]') !== null;
}

export function useDemoPresenter(
  container: RefObject<HTMLElement | null>,
  onPrev: () => void,
  onNext: () => void,
): Presenter {
  const [on, setOn] = useState(false);
  const [fullscreen, setFullscreen] = useState(false);
  const moves = useRef({ onPrev, onNext });
  useEffect(() => {
    moves.current = { onPrev, onNext };
  }, [onPrev, onNext]);

  const enter = useCallback(() => {
    setOn(true);
    const el = container.current;
    if (el && typeof el.requestFullscreen === 'function' && !document.fullscreenElement) {
      // Refused without a user gesture, or by policy: the full-window layout is the fallback.
      el.requestFullscreen().then(
        () => setFullscreen(true),
        () => setFullscreen(false),
      );
    }
  }, [container]);

  const leave = useCallback(() => {
    setOn(false);
    setFullscreen(false);
    if (document.fullscreenElement && typeof document.exitFullscreen === 'function')
      document.exitFullscreen().catch(() => undefined);
  }, []);

  const toggle = useCallback(() => (on ? leave() : enter()), [on, enter, leave]);

  // The browser's own Esc (or F11) ends full screen: leave presenter mode with it.
  useEffect(() => {
    const onChange = () => {
      if (!document.fullscreenElement && fullscreen) {
        setFullscreen(false);
        setOn(false);
      }
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [fullscreen]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if ((e.key === 'p' || e.key === 'P') && !isTyping(e.target)) {
        e.preventDefault();
        toggle();
      } else if (on && e.key === 'Escape') {
        e.preventDefault();
        leave();
      } else if (on && (e.key === 'ArrowLeft' || e.key === 'ArrowRight') && !ownsArrows(e.target)) {
        e.preventDefault();
        if (e.key === 'ArrowLeft') moves.current.onPrev();
        else moves.current.onNext();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [on, toggle, leave]);

  // Leaving the section (another tab) must not leave the screen taken.
  useEffect(
    () => () => {
      if (document.fullscreenElement && typeof document.exitFullscreen === 'function')
        document.exitFullscreen().catch(() => undefined);
    },
    [],
  );

  return { on, fullscreen, toggle, leave };
}
