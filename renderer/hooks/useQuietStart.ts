/**
 * The quiet check before a run: asks the engine whether other programs use the machine and, when they do,
 * holds the run back so the user can run anyway or wait until the machine is quiet. Figures taken while a
 * background update or a browser tab takes a core are that program's as much as the model's, and a teacher
 * cannot tell afterwards; asking first is cheaper than measuring twice.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { QuietCheck } from '../../electron/common/api';
import type { ExperimentConfigInput } from '../../electron/common/config';
import { useLab } from '../LabContext';

/** Waiting for quiet re-checks at most this often (the engine's own check takes about as long). */
export const RECHECK_MS = 1000;

export type QuietGate =
  | { readonly phase: 'idle' }
  | { readonly phase: 'checking' }
  /** other programs are busy: the run waits for the user's choice */
  | { readonly phase: 'busy'; readonly check: QuietCheck }
  /** re-checking until quiet; `checks` counts the checks made while waiting */
  | { readonly phase: 'waiting'; readonly check: QuietCheck; readonly checks: number };

export interface QuietStart {
  readonly gate: QuietGate;
  /** checks the machine, then starts the run at once if it is quiet, else shows the banner */
  request(config: ExperimentConfigInput): void;
  runAnyway(): void;
  waitUntilQuiet(): void;
  /** drops the held run (and stops waiting) */
  cancel(): void;
}

const IDLE: QuietGate = { phase: 'idle' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function useQuietStart(start: (config: ExperimentConfigInput) => unknown): QuietStart {
  const lab = useLab();
  const [gate, setGate] = useState<QuietGate>(IDLE);
  const pending = useRef<ExperimentConfigInput | null>(null);
  // Bumped by every new request, choice and cancel: a check that returns for an older one is ignored.
  const generation = useRef(0);
  useEffect(
    () => () => {
      generation.current++;
    },
    [],
  );

  /** The check's answer, or null when it failed: a broken check must never stop a run. */
  const check = useCallback(
    () =>
      lab.checkQuiet().then(
        (c) => c,
        () => null,
      ),
    [lab],
  );

  const go = useCallback(() => {
    const config = pending.current;
    pending.current = null;
    setGate(IDLE);
    if (config) void start(config);
  }, [start]);

  const request = useCallback(
    (config: ExperimentConfigInput) => {
      const gen = ++generation.current;
      pending.current = config;
      setGate({ phase: 'checking' });
      void check().then((c) => {
        if (gen !== generation.current) return;
        if (!c || c.quiet) go();
        else setGate({ phase: 'busy', check: c });
      });
    },
    [check, go],
  );

  const runAnyway = useCallback(() => {
    generation.current++;
    go();
  }, [go]);

  const waitUntilQuiet = useCallback(() => {
    if (gate.phase !== 'busy') return;
    const gen = ++generation.current;
    setGate({ phase: 'waiting', check: gate.check, checks: 0 });
    void (async () => {
      for (let checks = 1; ; checks++) {
        const t0 = Date.now();
        const c = await check();
        if (gen !== generation.current) return;
        if (!c || c.quiet) {
          go();
          return;
        }
        setGate({ phase: 'waiting', check: c, checks });
        await sleep(Math.max(0, RECHECK_MS - (Date.now() - t0)));
        if (gen !== generation.current) return;
      }
    })();
  }, [gate, check, go]);

  const cancel = useCallback(() => {
    generation.current++;
    pending.current = null;
    setGate(IDLE);
  }, []);

  return { gate, request, runAnyway, waitUntilQuiet, cancel };
}
