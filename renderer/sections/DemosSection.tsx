/**
 * The Demos section: the demo list beside the chosen demo's page, and presenter mode, which shows the page
 * alone (full screen when allowed). State lives in hooks; this component only wires them together.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DemoId, DemoMeta } from '../../electron/common/demos';
import type { FieldIssue } from '../../electron/common/errors';
import { ErrorAlert } from '../components/common/ErrorAlert';
import { DemoList } from '../components/demos/DemoList';
import { DemoPage } from '../components/demos/DemoPage';
import { PythonRunPanel } from '../components/demos/PythonRunPanel';
import { useDemoPresenter } from '../hooks/useDemoPresenter';
import { useDemos } from '../hooks/useDemos';
import type { DemoRunStatus } from '../state/demo-runs';
import { demoOrder, neighbour } from '../state/demo-groups';
import type { ErrorView } from '../state/errors';
import type { SectionProps } from './section';
import '../styles/demos.css';

type PerDemo<T> = Partial<Readonly<Record<DemoId, T>>>;

/** The settings typed for a demo, as numbers; text that is not a number is caught before anything is sent. */
function parseParams(
  meta: DemoMeta,
  typed: Readonly<Record<string, string>>,
): { params: Record<string, number>; issues: FieldIssue[] } {
  const params: Record<string, number> = {};
  const issues: FieldIssue[] = [];
  for (const spec of meta.params) {
    const text = (typed[spec.name] ?? '').trim();
    if (text === '') continue;
    const value = Number(text);
    if (Number.isFinite(value)) params[spec.name] = value;
    else issues.push({ field: `params.${spec.name}`, message: 'must be a number' });
  }
  return { params, issues };
}

export function DemosSection({ info, prefs }: SectionProps) {
  const demos = useDemos();
  const { catalog, state, join, start, cancel, clearStartError } = demos;
  const [selected, setSelected] = useState<DemoId | null>(null);
  const [choices, setChoices] = useState<PerDemo<string>>({});
  const [predicted, setPredicted] = useState<PerDemo<string | null>>({});
  const [typed, setTyped] = useState<PerDemo<Readonly<Record<string, string>>>>({});
  const [localError, setLocalError] = useState<{ id: DemoId; error: ErrorView } | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (info.runningDemo) join(info.runningDemo.runId, info.runningDemo.id);
  }, [info, join]);

  // A demo started anywhere (this window, another one, the lab machine) comes into view as it starts.
  const runningRun = state.running ? state.runs[state.running] : undefined;
  const [followed, setFollowed] = useState<string | null>(null);
  if (runningRun && runningRun.runId !== followed) {
    setFollowed(runningRun.runId);
    setSelected(runningRun.id);
  }

  const order = useMemo(() => (catalog ? demoOrder(catalog) : []), [catalog]);
  const current = selected ?? order[0]?.id ?? null;
  const meta = order.find((d) => d.id === current) ?? null;

  const go = useCallback(
    (step: 1 | -1) => {
      if (!catalog) return;
      setSelected((s) => neighbour(catalog, s ?? order[0]?.id ?? 'race', step));
    },
    [catalog, order],
  );
  const prev = useCallback(() => go(-1), [go]);
  const next = useCallback(() => go(1), [go]);
  const presenter = useDemoPresenter(rootRef, prev, next);

  const statuses = useMemo(() => {
    const out: Partial<Record<DemoId, DemoRunStatus>> = {};
    for (const run of Object.values(state.runs)) if (run) out[run.id] = run.status;
    return out;
  }, [state.runs]);

  const onChoose = useCallback(
    (choice: string) => current && setChoices((c) => ({ ...c, [current]: choice })),
    [current],
  );
  const onValue = useCallback(
    (name: string, value: string) =>
      current && setTyped((t) => ({ ...t, [current]: { ...t[current], [name]: value } })),
    [current],
  );
  const onRun = useCallback(
    (slow: boolean) => {
      if (!meta) return;
      const { params, issues } = parseParams(meta, typed[meta.id] ?? {});
      if (issues.length) {
        setLocalError({ id: meta.id, error: { message: 'Please fix the fields marked in red.', issues } });
        return;
      }
      setLocalError(null);
      setPredicted((p) => ({ ...p, [meta.id]: choices[meta.id] ?? null }));
      void start(meta.id, { params, speed: slow ? 'slow' : 'normal' });
    },
    [meta, typed, choices, start],
  );
  const onCancel = useCallback(() => current && void cancel(current), [current, cancel]);
  const onDismissError = useCallback(() => {
    setLocalError(null);
    clearStartError();
  }, [clearStartError]);
  const onShow = useCallback((m: DemoMeta) => setSelected(m.id), []);
  const neighbours = useMemo(() => {
    if (!catalog || !current) return { prev: null, next: null };
    const find = (id: DemoId | null) => catalog.find((d) => d.id === id) ?? null;
    return { prev: find(neighbour(catalog, current, -1)), next: find(neighbour(catalog, current, 1)) };
  }, [catalog, current]);

  if (demos.catalogError) {
    return (
      <>
        <ErrorAlert error={demos.catalogError} title="The demos could not be loaded" />
        <button type="button" className="button" onClick={demos.reloadCatalog}>
          Try again
        </button>
      </>
    );
  }
  if (!catalog || !meta) return <p className="note">Loading the demos…</p>;

  const error =
    localError?.id === meta.id
      ? localError.error
      : demos.startError?.id === meta.id
        ? demos.startError.error
        : null;
  const otherRunning =
    state.running && state.running !== meta.id ? (catalog.find((d) => d.id === state.running) ?? null) : null;

  return (
    <div
      ref={rootRef}
      className={`demos${presenter.on ? ' demos-presenter' : ''}`}
      data-testid="demos-section"
      data-presenter={String(presenter.on)}
    >
      {info.readOnly ? (
        <p className="banner">You are watching: demos started on the lab machine appear here live.</p>
      ) : null}
      {presenter.on ? null : (
        <DemoList
          catalog={catalog}
          selected={meta.id}
          running={state.running}
          statuses={statuses}
          onSelect={setSelected}
        />
      )}
      <DemoPage
        key={meta.id}
        meta={meta}
        run={state.runs[meta.id] ?? null}
        otherRunning={otherRunning}
        readOnly={info.readOnly}
        starting={demos.starting === meta.id}
        startError={error}
        choice={choices[meta.id] ?? null}
        predicted={predicted[meta.id] ?? null}
        values={typed[meta.id] ?? NO_VALUES}
        presenter={presenter}
        liveLanes={prefs.liveCharts}
        onToggleLiveLanes={prefs.toggleLiveCharts}
        neighbours={neighbours}
        onChoose={onChoose}
        onValue={onValue}
        onRun={onRun}
        onCancel={onCancel}
        onDismissError={onDismissError}
        onGo={go}
        onShow={onShow}
      />
      <PythonRunPanel
        key={`python-${meta.id}`}
        id={meta.id}
        readOnly={info.readOnly}
        noPython={info.python?.reason ?? null}
      />
    </div>
  );
}

const NO_VALUES: Readonly<Record<string, string>> = {};
