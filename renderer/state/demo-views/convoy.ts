/** convoy: round trips per second per setting, against the I/O loop alone. */
import type { ConvoyDetails } from '../../../electron/common/demos';
import { logScale, type LogScale } from './scale';

export interface ConvoyView {
  /** round trips per second of the I/O thread alone, the reference line */
  readonly aloneRps: number | null;
  readonly scale: LogScale;
  readonly rows: readonly (ConvoyDetails['settings'][number] & { readonly pos: number })[];
}

export function convoyView(d: ConvoyDetails): ConvoyView {
  const alone = d.settings.find((s) => s.cpuIn === 'none');
  const scale = logScale(d.settings.map((s) => s.rps));
  return {
    aloneRps: alone ? alone.rps : null,
    scale,
    rows: d.settings.map((s) => ({ ...s, pos: scale.pos(s.rps) })),
  };
}
