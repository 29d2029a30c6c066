/**
 * The demo list's chapters. Each demo names its own concept; these group them the way a lesson moves, so a
 * class sees five short chapters rather than fifteen concepts. A demo the list does not know yet (a newer
 * engine) lands in a last chapter instead of disappearing.
 */
import type { DemoId, DemoMeta } from '../../electron/common/demos';

export interface DemoChapter {
  readonly title: string;
  readonly demos: readonly DemoMeta[];
}

const CHAPTERS: readonly { readonly title: string; readonly ids: readonly DemoId[] }[] = [
  { title: 'Threads and processes', ids: ['thread-vs-process', 'lifecycle', 'daemon'] },
  { title: 'Shared data and locks', ids: ['race', 'lock', 'atomics', 'deadlock'] },
  { title: 'Threads working together', ids: ['semaphore', 'event', 'queue', 'barrier'] },
  { title: 'Pools and servers', ids: ['pools', 'tcp-server'] },
  { title: 'The GIL', ids: ['convoy', 'native-gil'] },
];

export function demoChapters(catalog: readonly DemoMeta[]): DemoChapter[] {
  const placed = new Set<string>();
  const chapters: DemoChapter[] = CHAPTERS.map((c) => {
    const demos = catalog.filter((d) => c.ids.includes(d.id));
    for (const d of demos) placed.add(d.id);
    return { title: c.title, demos };
  }).filter((c) => c.demos.length > 0);
  const rest = catalog.filter((d) => !placed.has(d.id));
  if (rest.length) chapters.push({ title: 'More demos', demos: rest });
  return chapters;
}

/** The demos in the order the list shows them, for ← / → and Previous / Next. */
export function demoOrder(catalog: readonly DemoMeta[]): DemoMeta[] {
  return demoChapters(catalog).flatMap((c) => c.demos);
}

/** The demo `step` places from `id` in list order, wrapping around. */
export function neighbour(catalog: readonly DemoMeta[], id: DemoId, step: 1 | -1): DemoId | null {
  const order = demoOrder(catalog);
  const i = order.findIndex((d) => d.id === id);
  if (i < 0 || !order.length) return order[0]?.id ?? null;
  return order[(i + step + order.length) % order.length]?.id ?? null;
}
