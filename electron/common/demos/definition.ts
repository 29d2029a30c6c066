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

/** Marks the type of what a demo measured on its definition; never set at run time. */
declare const detailsType: unique symbol;

/**
 * One demo's catalog entry. `Id` is its id and `Details` what it measured (a type with `kind`), so the catalog
 * derives DemoId and the DemoDetails union from its entries and a new demo's details need no second list.
 */
export interface DemoDefinition<
  Id extends string = string,
  Details extends { readonly kind: string } = { readonly kind: string },
> {
  readonly id: Id;
  /** type only: what this demo's run reports as `details` */
  readonly [detailsType]?: Details;
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

/** The details type a definition declares. */
export type DetailsOfDefinition<D> = D extends DemoDefinition<string, infer Details> ? Details : never;
