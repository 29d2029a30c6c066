/**
 * A value that follows its source at most once per interval (the latest value always lands); an infinite
 * interval holds the current value until the interval becomes finite again. The live charts
 * use it: redrawing three charts for every event would take CPU from the very workers being measured, which
 * on a two-core machine visibly lowers the speedups.
 */
import { useEffect, useRef, useState } from 'react';

export function useThrottled<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value);
  const lastRef = useRef(0);

  useEffect(() => {
    // An infinite interval freezes the value (and setTimeout would treat it as 0).
    if (!Number.isFinite(intervalMs)) return;
    const wait = lastRef.current + intervalMs - performance.now();
    const timer = setTimeout(
      () => {
        lastRef.current = performance.now();
        setShown(value);
      },
      Math.max(0, wait),
    );
    return () => clearTimeout(timer);
  }, [value, intervalMs]);

  return shown;
}
