/** Everything a finished (or cancelled) experiment measured, from the headline charts down to the table. */
import { useState } from 'react';
import type { ExperimentConfig } from '../../../electron/common/config';
import type { Report } from '../../../electron/common/report';
import { workloadsOf } from '../../charts/shape';
import { ExportMenu } from '../reports/ExportMenu';
import { describeRuns, formatMs } from '../../../electron/common/format';
import { CoresBusyChart } from './CoresBusyChart';
import { DistributionChart } from './DistributionChart';
import { EfficiencyChart } from './EfficiencyChart';
import { GilSection } from './GilSection';
import { PythonLanesSection } from './PythonLanes';
import { MachinePanel } from './MachinePanel';
import { ResultsTable } from './ResultsTable';
import { SpawnChart } from './SpawnChart';
import { SpeedupGrid } from './SpeedupGrid';
import { WallTimeChart } from './WallTimeChart';

interface Props {
  readonly report: Report;
  readonly titles: Readonly<Record<string, string>>;
  /** opens the builder with this report's settings (run policy included), to run it again or vary it */
  readonly onEditSettings?: (config: ExperimentConfig) => void;
}

export function ResultsView({ report, titles: catalogTitles, onEditSettings }: Props) {
  // A user workload is in no catalog: its title comes with the report.
  const own = report.userWorkload?.meta;
  const titles = own ? { ...catalogTitles, [own.name]: own.title ?? own.name } : catalogTitles;
  const [showFit, setShowFit] = useState(true);
  const workloads = workloadsOf(report.results);
  const [picked, setPicked] = useState<string | null>(null);
  const detail = workloads.find((w) => w.name === picked) ?? workloads[0];
  const cores = report.machine.logicalCores;
  const tookMs = report.finishedAt ? Date.parse(report.finishedAt) - Date.parse(report.createdAt) : null;

  return (
    <div className="results" data-testid="results">
      <section className="panel" aria-labelledby="speedup-heading">
        <div className="panel-head">
          <h2 id="speedup-heading">{report.config.label || 'Results'}</h2>
          <label className="toggle">
            <input
              type="checkbox"
              checked={showFit}
              onChange={(e) => setShowFit(e.target.checked)}
              data-testid="toggle-fit"
            />
            Show Amdahl&apos;s law fit
          </label>
          {onEditSettings ? (
            <button
              type="button"
              className="button"
              onClick={() => onEditSettings(report.config)}
              data-testid="edit-in-builder"
            >
              Edit in builder
            </button>
          ) : null}
          <ExportMenu reportId={report.id} />
        </div>
        {report.status !== 'complete' ? (
          <p className="banner banner-warn" data-testid="status-banner">
            {report.status === 'cancelled'
              ? 'This experiment was cancelled: the charts show what was measured before it stopped.'
              : 'This experiment did not finish: the charts show what was measured.'}
          </p>
        ) : null}
        <p className="note">
          Speedup is the sequential time divided by the time with more workers (median of{' '}
          {describeRuns(report.config)}
          {tookMs !== null ? `; the whole experiment took ${formatMs(tookMs)}` : ''}).
        </p>
        <SpeedupGrid
          results={report.results}
          fits={report.fits}
          cores={cores}
          titles={titles}
          showFit={showFit}
        />
      </section>

      {detail ? (
        <section className="panel" aria-labelledby="detail-heading">
          <div className="panel-head">
            <h2 id="detail-heading">
              Efficiency, time, cores busy and every run: {titles[detail.name] ?? detail.name}
            </h2>
            {workloads.length > 1 ? (
              <div className="segmented" role="group" aria-label="Workload">
                {workloads.map((w) => (
                  <button
                    key={w.name}
                    type="button"
                    aria-pressed={w.name === detail.name}
                    onClick={() => setPicked(w.name)}
                  >
                    {w.name}
                  </button>
                ))}
              </div>
            ) : null}
          </div>
          <div className="chart-grid">
            <EfficiencyChart results={report.results} workload={detail.name} cores={cores} />
            <WallTimeChart results={report.results} workload={detail.name} cores={cores} />
            <CoresBusyChart results={report.results} workload={detail.name} cores={cores} />
          </div>
          <DistributionChart results={report.results} workload={detail.name} />
        </section>
      ) : null}

      <GilSection results={report.results} cores={cores} />
      <PythonLanesSection results={report.results} />

      <div className="two-col">
        <section className="panel" aria-labelledby="spawn-heading">
          <h2 id="spawn-heading">Threads vs processes: starting up</h2>
          <SpawnChart spawn={report.spawn} />
        </section>
        <MachinePanel
          machine={report.machine}
          {...(report.python ? { python: { interpreters: report.python.interpreters, reason: null } } : {})}
        />
      </div>

      <ResultsTable results={report.results} config={report.config} />
    </div>
  );
}
