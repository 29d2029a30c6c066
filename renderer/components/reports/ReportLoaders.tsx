/** The open report and the compared pair, fetched from the history and drawn with the shared views. */
import { memo } from 'react';
import type { ExperimentConfig } from '../../../electron/common/config';
import { useReports } from '../../hooks/useReport';
import { ErrorAlert } from '../common/ErrorAlert';
import { ResultsView } from '../results/ResultsView';
import { CompareView } from './CompareView';

const StaticResults = memo(ResultsView);

type Titles = Readonly<Record<string, string>>;

export function OpenReport({
  id,
  titles,
  origin,
  onEditSettings,
}: {
  id: string;
  titles: Titles;
  origin: string | null;
  onEditSettings?: (config: ExperimentConfig) => void;
}) {
  const { reports, error } = useReports([id]);
  const report = reports?.[0];
  if (error) return <ErrorAlert error={error} title="This report could not be opened" />;
  if (!report)
    return (
      <p className="note" aria-busy="true">
        Opening the report…
      </p>
    );
  return (
    <div data-testid="open-report" data-id={report.id}>
      {origin ? (
        <p className="banner" data-testid="open-origin">
          {origin}. Its figures were measured on the machine named below, not necessarily this one.
        </p>
      ) : null}
      <StaticResults report={report} titles={titles} onEditSettings={onEditSettings} />
    </div>
  );
}

export function ComparePair({ a, b, titles }: { a: string; b: string; titles: Titles }) {
  const { reports, error } = useReports([a, b]);
  if (error) return <ErrorAlert error={error} title="These reports could not be compared" />;
  const [ra, rb] = reports ?? [];
  if (!ra || !rb)
    return (
      <p className="note" aria-busy="true">
        Comparing the two reports…
      </p>
    );
  return <CompareView a={ra} b={rb} titles={titles} />;
}
