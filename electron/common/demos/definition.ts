/**
 * What one demo's definition holds (electron/common/demos/<id>.ts): everything a UI shows before the demo runs.
 * Explanations, Python and questions are written for this project. Parameters are small overrides; the
 * defaults are what a classroom should see. No node:*, no DOM: the renderer imports this as it is.
 */
import type { ParamSpec } from '../workload';

/** A multiple-choice question asked before the demo runs ("predict, then run"). */
export interface DemoQuestion {
  readonly prompt: string;
  readonly choices: readonly { readonly id: string; readonly label: string }[];
}

/** One demo's catalog entry; `Id` is its id, so the catalog derives DemoId from its entries. */
export interface DemoDefinition<Id extends string = string> {
  readonly id: Id;
  readonly title: string;
  /** the threading concept it shows, in a few words */
  readonly concept: string;
  /** a short plain-words explanation */
  readonly summary: string;
  /** the equivalent Python, short and idiomatic */
  readonly python: string;
  readonly question: DemoQuestion;
  /** small overrides a caller may pass in `params` (validated against these specs) */
  readonly params: readonly ParamSpec[];
  /** hard limit at normal speed; slow motion multiplies it */
  readonly timeLimitMs: number;
  /** what the demo starts, for a UI badge */
  readonly uses: readonly ('threads' | 'processes' | 'gil' | 'sockets')[];
}

/** A pid and thread id as the worker itself reported them (threadId 0 is a process's main thread). */
export interface ExecId {
  readonly pid: number;
  readonly threadId: number;
}
