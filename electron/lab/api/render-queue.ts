/**
 * PDF and PNG exports, one at a time and a bounded number waiting: each starts a browser engine, so a client
 * asking for many at once must not be able to exhaust the machine. A job whose client has left (its signal
 * aborted) is dropped before it starts; the one rendering finishes, since the renderers take no signal.
 */
import { LabError } from '../../common/errors';

interface Waiting {
  readonly start: () => void;
  readonly onAbort: () => void;
}

export class RenderQueue {
  private readonly waiting: Waiting[] = [];
  private rendering = false;

  constructor(private readonly capacity: number) {}

  /** Jobs waiting or rendering. */
  get size(): number {
    return this.waiting.length + (this.rendering ? 1 : 0);
  }

  run<T>(job: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(gone());
    if (this.size >= this.capacity)
      return Promise.reject(
        new LabError(
          'busy',
          `${this.size} PDF/PNG exports are already waiting or rendering (at most ${this.capacity}); ` +
            'try again when one has finished, or export as html, which prints to PDF from any browser',
        ),
      );
    return new Promise<T>((resolve, reject) => {
      const entry: Waiting = {
        start: () => {
          signal?.removeEventListener('abort', entry.onAbort);
          this.rendering = true;
          job()
            .then(resolve, reject)
            .finally(() => {
              this.rendering = false;
              this.next();
            });
        },
        onAbort: () => {
          const at = this.waiting.indexOf(entry);
          if (at < 0) return;
          this.waiting.splice(at, 1);
          reject(gone());
        },
      };
      signal?.addEventListener('abort', entry.onAbort, { once: true });
      this.waiting.push(entry);
      this.next();
    });
  }

  private next(): void {
    if (this.rendering) return;
    this.waiting.shift()?.start();
  }
}

function gone(): LabError {
  return new LabError('cancelled', 'the export was dropped: the client that asked for it has left');
}
