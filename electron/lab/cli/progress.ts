/** Progress with ETA on stderr: a live bar on a terminal, a line every few seconds elsewhere (CI logs). */
import { SingleBar } from 'cli-progress';
import type { Progress } from '../../common/api';
import { visible } from '../../common/terminal-text';

export interface ProgressView {
  update(p: Progress): void;
  stop(): void;
}

const secs = (ms: number | null) => (ms === null ? '?' : `${Math.ceil(ms / 1000)}s`);
// The live bar writes through cli-progress, not writeErr: the workload name is made visible here.
const what = (p: Progress) =>
  visible(p.current ? `${p.phase} ${p.current.workload}/${p.current.model}×${p.current.workers}` : p.phase);

export function createProgress(stream: NodeJS.WriteStream = process.stderr, quiet = false): ProgressView {
  if (quiet) return { update: () => undefined, stop: () => undefined };
  if (stream.isTTY) {
    const bar = new SingleBar({
      stream,
      format: '{bar} {value}/{total} runs | ETA {eta_s} | {what}',
      hideCursor: true,
      clearOnComplete: true,
    });
    let started = false;
    return {
      update(p) {
        if (!started) bar.start(p.total, p.done, { what: what(p), eta_s: secs(p.etaMs) });
        started = true;
        bar.update(p.done, { what: what(p), eta_s: secs(p.etaMs) });
      },
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  return {
    update(p) {
      const now = performance.now();
      if (now - last < 2000 && p.done !== p.total) return;
      last = now;
      stream.write(`[${p.done}/${p.total} runs, ETA ${secs(p.etaMs)}] ${what(p)}\n`);
    },
    stop: () => undefined,
  };
}
