// @vitest-environment happy-dom
/**
 * The demo page rendered from a real outcome, and the Demos section on the in-process engine: a demo run from
 * the page to its measured result, a bad setting named by the engine, and presenter mode's keys.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_CATALOG, demoMeta } from '../../electron/common/demo-catalog';
import { createLabService, type LabService } from '../../electron/lab/api/lab-service';
import { DemoPage, type DemoPageProps } from '../../renderer/components/demos/DemoPage';
import type { Presenter } from '../../renderer/hooks/useDemoPresenter';
import { LabContext } from '../../renderer/LabContext';
import { DemosSection } from '../../renderer/sections/DemosSection';
import { demosReducer, initialDemosState } from '../../renderer/state/demo';
import { must, realDemo, SMALL, type RealDemo } from './demo-real';

let race: RealDemo;
let service: LabService;
beforeAll(async () => {
  vi.stubGlobal('ResizeObserver', undefined);
  race = await realDemo('race', SMALL.race);
  service = createLabService({ sampleCpu: false });
});
afterAll(async () => {
  await service.close();
  vi.unstubAllGlobals();
});
afterEach(cleanup);

const noop = () => undefined;
const presenterOff: Presenter = { on: false, fullscreen: false, toggle: noop, leave: noop };

function pageProps(over: Partial<DemoPageProps> = {}): DemoPageProps {
  const run = race.labEvents.reduce(demosReducer, initialDemosState).runs.race ?? null;
  return {
    meta: demoMeta('race'),
    run,
    otherRunning: null,
    readOnly: false,
    starting: false,
    startError: null,
    choice: 'short-varies',
    predicted: 'short-varies',
    values: {},
    presenter: presenterOff,
    liveLanes: true,
    onToggleLiveLanes: noop,
    neighbours: { prev: null, next: null },
    onChoose: noop,
    onValue: noop,
    onRun: noop,
    onCancel: noop,
    onDismissError: noop,
    onGo: noop,
    onShow: noop,
    ...over,
  };
}

describe('DemoPage from a real race outcome', () => {
  it('shows the measured sentence, the key numbers and the verdict on the prediction', () => {
    render(<DemoPage {...pageProps()} />);
    const { outcome } = race;
    expect(screen.getByTestId('demo-page').dataset.status).toBe('finished');
    expect(screen.getByTestId('demo-sentence').textContent).toBe(outcome.sentence);
    const metrics = screen.getByTestId('demo-metrics').querySelectorAll('[data-key]');
    expect([...metrics].map((m) => m.getAttribute('data-key'))).toEqual(outcome.metrics.map((m) => m.key));
    const verdict = screen.getByTestId('demo-verdict');
    expect(verdict.dataset.matched).toBe(String(outcome.answer.choice === 'short-varies'));
    expect(verdict.textContent).toContain(outcome.answer.why);
    const answer = screen.getByTestId(`demo-choice-${outcome.answer.choice}`).closest('label');
    expect(answer?.textContent).toContain('measured');
  });

  it('draws a lane per thread and the count of every run against the expected count', () => {
    render(<DemoPage {...pageProps()} />);
    const { outcome } = race;
    const lanes = screen.getAllByTestId('demo-lane');
    expect(lanes.map((l) => l.dataset.lane)).toEqual(outcome.lanes.map((l) => l.id));
    expect(lanes[0]?.querySelectorAll('rect[data-state]').length).toBeGreaterThan(0);
    const rows = within(screen.getByTestId('counter-runs')).getAllByRole('listitem');
    const details = outcome.details.kind === 'race' ? outcome.details : null;
    expect(rows.map((r) => Number(r.dataset.actual))).toEqual(details?.runs.map((r) => r.actual));
    expect(rows.every((r) => Number(r.dataset.expected) === SMALL.race.threads * SMALL.race.iterations)).toBe(
      true,
    );
  });

  it('puts the Python beside the TypeScript that ran, as text', () => {
    render(<DemoPage {...pageProps()} />);
    const { outcome } = race;
    expect(screen.getByTestId('demo-python').textContent).toBe(outcome.code.python);
    const ts = screen.getByTestId('demo-typescript');
    expect(ts.textContent).toBe(outcome.code.typescript[0]?.source);
    // A source full of '<' and '&' stays text: no element was made from it.
    expect(ts.querySelectorAll('*').length).toBe(1);
    const second = outcome.code.typescript[1];
    if (second) {
      fireEvent.click(screen.getByRole('button', { name: second.file.split('/').at(-1) }));
      expect(screen.getByTestId('demo-typescript').textContent).toBe(second.source);
    }
  });

  it('offers Cancel, not Run, while its demo runs', () => {
    const live = race.labEvents.slice(0, 8).reduce(demosReducer, initialDemosState).runs.race ?? null;
    const onCancel = vi.fn();
    render(<DemoPage {...pageProps({ run: live, onCancel })} />);
    expect(screen.queryByTestId('demo-run')).toBeNull();
    fireEvent.click(screen.getByTestId('demo-cancel'));
    expect(onCancel).toHaveBeenCalledOnce();
    expect(screen.getByTestId('demo-running').textContent).toContain('Running');
  });
});

describe('DemosSection on the in-process engine', () => {
  async function renderSection() {
    const info = await service.getInfo();
    const prefs = {
      theme: 'light' as const,
      largeText: false,
      liveCharts: true,
      toggleTheme: noop,
      toggleLargeText: noop,
      toggleLiveCharts: noop,
    };
    render(
      <LabContext.Provider value={service}>
        <DemosSection info={info} prefs={prefs} />
      </LabContext.Provider>,
    );
    await screen.findByTestId('demo-list');
  }

  it('runs a demo from its page with the settings typed in, to the measured result', async () => {
    await renderSection();
    fireEvent.click(screen.getByTestId('demo-card-semaphore'));
    for (const [name, value] of Object.entries(SMALL.semaphore))
      fireEvent.change(screen.getByTestId(`demo-param-${name}`), { target: { value: String(value) } });
    fireEvent.click(screen.getByTestId('demo-choice-k'));
    fireEvent.click(screen.getByTestId('demo-run'));
    await waitFor(() => expect(screen.getByTestId('demo-page').dataset.status).toBe('finished'), {
      timeout: 20_000,
    });
    expect(screen.getByTestId('semaphore-limit').textContent).toBe(`K = ${SMALL.semaphore.limit}`);
    expect(Number(screen.getByTestId('semaphore-max').textContent)).toBeLessThanOrEqual(
      SMALL.semaphore.limit,
    );
    expect(screen.getByTestId('demo-verdict').dataset.matched).toBe('true');
    expect(service.busy).toBe(false);
  });

  it('shows the engine’s own words when a setting is out of range', async () => {
    await renderSection();
    fireEvent.click(screen.getByTestId('demo-card-race'));
    fireEvent.change(screen.getByTestId('demo-param-threads'), { target: { value: '99' } });
    fireEvent.click(screen.getByTestId('demo-run'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('params.threads');
    expect(alert.textContent).toContain('must be at most 8');
    expect(screen.getByTestId('demo-param-threads').getAttribute('aria-invalid')).toBe('true');
    expect(service.busy).toBe(false);
  });

  it('presenter mode: P shows the page alone, → and ← move between demos, Esc leaves', async () => {
    await renderSection();
    fireEvent.click(screen.getByTestId('demo-card-race'));
    const order = DEMO_CATALOG.map((d) => d.id);
    const next = must(DEMO_CATALOG[order.indexOf('race') + 1]);
    act(() => void fireEvent.keyDown(window, { key: 'p' }));
    const section = screen.getByTestId('demos-section');
    expect(section.dataset.presenter).toBe('true');
    expect(screen.queryByTestId('demo-list')).toBeNull();
    act(() => void fireEvent.keyDown(window, { key: 'ArrowRight' }));
    expect(screen.getByTestId('demo-title').textContent).toBe(next.title);
    act(() => void fireEvent.keyDown(window, { key: 'ArrowLeft' }));
    expect(screen.getByTestId('demo-title').textContent).toBe('Race condition');
    // Typing into a setting is not a shortcut.
    fireEvent.keyDown(screen.getByTestId('demo-param-threads'), { key: 'ArrowRight' });
    expect(screen.getByTestId('demo-title').textContent).toBe('Race condition');
    act(() => void fireEvent.keyDown(window, { key: 'Escape' }));
    expect(section.dataset.presenter).toBe('false');
    expect(screen.getByTestId('demo-list')).toBeTruthy();
  });
});
