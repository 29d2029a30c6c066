/** native-gil: the native hash speeds up with two threads, the JavaScript hash under the GIL does not. */
import type { NativeGilDetails } from '../../../../electron/common/demos';
import { nativeGilView } from '../../../state/demo-views/native-gil';
import { formatMs } from '../../../../electron/common/format';
import { Bars } from '../Bars';

export function NativeGilView({ details }: { details: NativeGilDetails }) {
  const v = nativeGilView(details);
  return (
    <div className="demo-view" data-testid="view-native-gil">
      {v.rows.map((r) => (
        <div key={r.name}>
          <h4>
            {r.description}: {r.speedup.toFixed(2)}× with two threads
          </h4>
          <Bars
            testId={`native-gil-${r.name}`}
            label={`${r.name}: best time with one and with two threads`}
            rows={[
              {
                key: '1',
                label: '1 thread',
                fraction: r.oneFraction,
                tone: 'muted',
                value: formatMs(r.oneThreadMs),
              },
              {
                key: '2',
                label: '2 threads',
                fraction: r.twoFraction,
                tone: r.speedup > 1.2 ? 'good' : 'bad',
                value: formatMs(r.twoThreadsMs),
              },
            ]}
          />
        </div>
      ))}
    </div>
  );
}
