/**
 * The measurement plan: which (workload, model, workers) cells exist and in what order runs happen. Every
 * round visits each cell still running once, in a fresh seeded shuffle, so slow drift of a noisy machine
 * (thermal throttling, a background job) spreads over all cells instead of biasing the last ones.
 */
import type { Model } from '../../common/config';
import type { Cell } from '../../common/cells';
import { createRng } from '../../common/random';

// The cells are the experiment's, also counted by estimates in the UI: defined once, in common.
export { cellKey, planCells, type Cell } from '../../common/cells';

/** The largest worker count each model's pool needs. */
export function poolSizes(cells: readonly Cell[]): Map<Model, number> {
  const sizes = new Map<Model, number>();
  for (const c of cells) sizes.set(c.model, Math.max(sizes.get(c.model) ?? 0, c.workers));
  return sizes;
}

/** One run the schedule asks for; `repetition` is the round it belongs to (the warmup pass number for warmup). */
export interface Step {
  readonly cell: Cell;
  readonly warmup: boolean;
  readonly repetition: number;
}

/**
 * The order of runs, decided round by round: the warmup passes first (not recorded), then measured rounds
 * that each visit the cells in a fresh seeded shuffle. The first `minRuns` rounds visit every cell; after
 * that a round visits only the cells `needsMore` still asks for (asked as the round begins, so within a
 * round every cell still running gets its turn before any runs again, as hyperfine and pyperf interleave),
 * up to `maxRuns` rounds. With minRuns = maxRuns = repeat this is the fixed plan: every cell, every round.
 */
export class RunSchedule {
  private readonly rng: () => number;
  private queue: Step[];
  private round = 0;
  private given = 0;

  constructor(
    private readonly cells: readonly Cell[],
    private readonly opts: { warmup: number; minRuns: number; maxRuns: number; seed: number },
    private readonly needsMore: (cell: Cell) => boolean = () => true,
  ) {
    this.rng = createRng(opts.seed);
    this.queue = [];
    for (let w = 0; w < opts.warmup; w++)
      for (const cell of cells) this.queue.push({ cell, warmup: true, repetition: w });
  }

  /** The next run, or undefined when every cell is done. */
  next(): Step | undefined {
    while (this.queue.length === 0 && this.round < this.opts.maxRuns) {
      const r = this.round++;
      // Every round shuffles all cells, so the fixed plan draws the same order whichever cells drop out.
      const pass = this.shuffled();
      const visit = r < this.opts.minRuns ? pass : pass.filter((c) => this.needsMore(c));
      if (visit.length === 0) this.round = this.opts.maxRuns;
      this.queue = visit.map((cell) => ({ cell, warmup: false, repetition: r }));
    }
    const step = this.queue.shift();
    if (step) this.given++;
    return step;
  }

  /** Runs given so far plus the most still to come (exact for a fixed plan, an upper bound otherwise). */
  total(): number {
    const { minRuns, maxRuns } = this.opts;
    const full = Math.max(0, Math.min(minRuns, maxRuns) - this.round);
    const partial = Math.max(0, maxRuns - Math.max(this.round, minRuns));
    const active = partial > 0 ? this.cells.filter((c) => this.needsMore(c)).length : 0;
    return this.given + this.queue.length + full * this.cells.length + partial * active;
  }

  private shuffled(): Cell[] {
    const pass = [...this.cells];
    for (let i = pass.length - 1; i > 0; i--) {
      const j = Math.floor(this.rng() * (i + 1));
      [pass[i], pass[j]] = [pass[j] as Cell, pass[i] as Cell];
    }
    return pass;
  }
}

/** The fixed plan as a list: warmup passes first (not recorded), then `repeat` shuffled passes. */
export function runOrder(cells: readonly Cell[], warmup: number, repeat: number, seed: number): Step[] {
  const schedule = new RunSchedule(cells, { warmup, minRuns: repeat, maxRuns: repeat, seed });
  const order: Step[] = [];
  for (let step = schedule.next(); step; step = schedule.next()) order.push(step);
  return order;
}
