/** The headline: one speedup chart per workload, side by side (CPU-bound beside I/O-bound). */
import type { AmdahlFit, ResultEntry } from '../../../electron/common/report';
import { workloadsOf, type WorkloadKindName } from '../../charts/shape';
import { SpeedupChart } from './SpeedupChart';

interface Props {
  readonly results: readonly ResultEntry[];
  readonly fits: readonly AmdahlFit[];
  readonly cores: number;
  readonly titles: Readonly<Record<string, string>>;
  readonly showFit: boolean;
  /** the workloads to chart, in order (default: those in the results, as first seen) */
  readonly workloads?: readonly { name: string; kind: WorkloadKindName }[];
}

export function SpeedupGrid({ results, fits, cores, titles, showFit, workloads: order }: Props) {
  const workloads = order ?? workloadsOf(results);
  if (workloads.length === 0)
    return <p className="note">The first results will appear here as soon as they are measured.</p>;
  return (
    <div className="chart-grid">
      {workloads.map((w) => (
        <SpeedupChart
          key={w.name}
          results={results}
          fits={fits}
          workload={w.name}
          kind={w.kind}
          title={titles[w.name] ?? w.name}
          cores={cores}
          showFit={showFit}
        />
      ))}
    </div>
  );
}
