/** native-gil: one thread against two, native hash against the JavaScript hash. */
import type { NativeGilDetails } from '../../../electron/common/demos';
import { fractionOf } from './scale';

export interface NativeGilView {
  readonly rows: readonly (NativeGilDetails['variants'][number] & {
    readonly oneFraction: number;
    readonly twoFraction: number;
  })[];
}

export function nativeGilView(d: NativeGilDetails): NativeGilView {
  return {
    rows: d.variants.map((v) => {
      const longest = Math.max(v.oneThreadMs, v.twoThreadsMs);
      return {
        ...v,
        oneFraction: fractionOf(v.oneThreadMs, longest),
        twoFraction: fractionOf(v.twoThreadsMs, longest),
      };
    }),
  };
}
