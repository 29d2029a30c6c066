/**
 * Opens the user's own workload file: checks its type and size, reads its text here in the page (a file
 * input gives it to the desktop app and a browser alike, so the engine needs no access to the user's
 * folders), and hands it to the engine, which keeps and checks it. Only the latest file counts: one chosen
 * while another is still being checked replaces it. The engine is the source of truth for which file is open:
 * when the builder mounts (a page or window reloaded, the Lab section shown again) it asks the engine
 * (listWorkloadFiles) and restores the file it holds, unless a file was chosen here meanwhile. A watcher does
 * not ask: the engine would refuse, and the picker is not theirs.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { UserWorkloadRecord } from '../../electron/common/user-workload';
import { useLab } from '../LabContext';
import { NO_OWN_WORKLOAD, openError, refuseBeforeReading, type OwnWorkload } from '../state/own-workload';

export interface OwnWorkloadPicker {
  readonly state: OwnWorkload;
  open(file: File): Promise<void>;
}

export interface OwnWorkloadOptions {
  /** a watcher: the engine is not asked what it holds */
  readonly readOnly: boolean;
  /** gets the new record and the one it replaces, so the form can swap one for the other */
  onOpened(record: UserWorkloadRecord, previous: UserWorkloadRecord | null): void;
  /** gets the record the engine already held when the builder mounted */
  onRestored(record: UserWorkloadRecord): void;
}

export function useOwnWorkload({ readOnly, onOpened, onRestored }: OwnWorkloadOptions): OwnWorkloadPicker {
  const lab = useLab();
  const [state, setState] = useState<OwnWorkload>(NO_OWN_WORKLOAD);
  const latest = useRef(0);
  // The record the engine holds now, read when a newer one arrives (state may not have re-rendered yet).
  const held = useRef<UserWorkloadRecord | null>(null);
  // Read when the engine answers, so a changed callback does not ask the engine again.
  const restored = useRef(onRestored);
  restored.current = onRestored;

  useEffect(() => {
    if (readOnly) return;
    let live = true;
    const asked = latest.current;
    lab.listWorkloadFiles().then(
      (records) => {
        const record = records.at(-1);
        // A file chosen here since is newer than the engine's answer.
        if (!live || !record || asked !== latest.current || held.current) return;
        held.current = record;
        setState({ record, opening: null, error: null });
        restored.current(record);
      },
      () => undefined, // an engine that cannot say: the picker starts empty, as it did before
    );
    return () => {
      live = false;
    };
  }, [lab, readOnly]);

  const open = useCallback(
    async (file: File) => {
      const mine = ++latest.current;
      const refused = refuseBeforeReading(file.name, file.size);
      if (refused) {
        setState((s) => ({ ...s, opening: null, error: refused }));
        return;
      }
      setState((s) => ({ ...s, opening: file.name, error: null }));
      try {
        const record = await lab.openWorkloadFile(file.name, await file.text());
        if (mine !== latest.current) return;
        const previous = held.current;
        held.current = record;
        setState({ record, opening: null, error: null });
        onOpened(record, previous);
      } catch (err) {
        if (mine !== latest.current) return;
        // The engine keeps the file it held before, and so does the builder.
        setState((s) => ({ ...s, opening: null, error: openError(file.name, err) }));
      }
    },
    [lab, onOpened],
  );
  return { state, open };
}
