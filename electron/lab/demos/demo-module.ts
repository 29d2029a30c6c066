/** The shape of one demo module: what it ran and what it found. */
import type { DemoDetails, DemoId, DemoMetric } from '../../common/demos';
import type { DemoContext } from './context';

/** What a demo hands back; runDemo adds the catalog entry, the lanes and the sources. */
export interface DemoResult {
  readonly sentence: string;
  readonly answer: { readonly choice: string; readonly why: string };
  readonly metrics: readonly DemoMetric[];
  readonly details: DemoDetails;
  readonly notes?: readonly string[];
}

export interface DemoModule {
  readonly id: DemoId;
  /** repository paths of the TypeScript that ran (keys of DEMO_SOURCES) */
  readonly sources: readonly string[];
  run(ctx: DemoContext): Promise<DemoResult>;
}

export function metric(key: string, label: string, value: number, unit: string): DemoMetric {
  return { key, label, value, unit };
}
