/**
 * Opens the user's own workload file: checks its type and size, reads its text here in the page (a file
 * input gives it to the desktop app and a browser alike, so the engine needs no access to the user's
 * folders), and hands it to the engine, which keeps and checks it. Only the latest file counts: one chosen
 * while another is still being checked replaces it.
 */
import { useCallback, useRef, useState } from 'react';
import type { UserWorkloadRecord } from '../../electron/common/user-workload';
import { useLab } from '../LabContext';
import { NO_OWN_WORKLOAD, openError, refuseBeforeReading, type OwnWorkload } from '../state/own-workload';

export interface OwnWorkloadPicker {
  readonly state: OwnWorkload;
  open(file: File): Promise<void>;
}

/** `onOpened` gets the new record and the one it replaces, so the form can swap one for the other. */
export function useOwnWorkload(
  onOpened: (record: UserWorkloadRecord, previous: UserWorkloadRecord | null) => void,
): OwnWorkloadPicker {
  const lab = useLab();
  const [state, setState] = useState<OwnWorkload>(NO_OWN_WORKLOAD);
  const latest = useRef(0);
  // The record the engine holds now, read when a newer one arrives (state may not have re-rendered yet).
  const held = useRef<UserWorkloadRecord | null>(null);

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
