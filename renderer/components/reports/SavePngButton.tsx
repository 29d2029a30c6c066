/**
 * "Save PNG" on a chart frame: the frame as it looks now (theme and text size included), drawn to a PNG in
 * the page and offered as a download. The button itself is left out of the picture.
 */
import { useState, type MouseEvent } from 'react';
import { elementToPng } from './chart-png';
import { saveBlob, slugify } from './download';
import '../../styles/reports.css';

export function SavePngButton({ title }: { title: string }) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  const save = async (e: MouseEvent<HTMLButtonElement>) => {
    const frame = e.currentTarget.closest('figure');
    if (!frame) return;
    setState({ busy: true, error: null });
    try {
      saveBlob(await elementToPng(frame), `threadlab-${slugify(title)}.png`);
      setState({ busy: false, error: null });
    } catch (err) {
      setState({ busy: false, error: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <span className="save-png" data-png-skip="">
      <button
        type="button"
        className="button button-quiet button-small"
        aria-label={`Save the chart “${title}” as a PNG image`}
        data-testid="save-png"
        disabled={state.busy}
        onClick={(e) => void save(e)}
      >
        {state.busy ? 'Saving…' : 'Save PNG'}
      </button>
      {state.error ? (
        <span className="save-png-error" role="alert">
          Could not save the PNG: {state.error}
        </span>
      ) : null}
    </span>
  );
}
