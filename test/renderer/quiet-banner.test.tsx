// @vitest-environment happy-dom
/**
 * The quiet check before a run, in the Lab section against a fake LabApi whose checkQuiet answers from a
 * script: a quiet machine starts the run at once; a busy one shows the banner naming who uses it, and the
 * run starts only on "Run anyway" or, after "Wait until quiet", once a check finds the machine quiet.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LabApi, QuietCheck } from '../../electron/common/api';
import type { ExperimentConfigInput } from '../../electron/common/config';
import { LabContext } from '../../renderer/LabContext';
import { LabSection } from '../../renderer/sections/LabSection';
import { fakeLabApi, fakeLabInfo, QUIET_PREFS } from '../support/fake-lab';

beforeAll(() => vi.stubGlobal('ResizeObserver', undefined));
afterAll(() => vi.unstubAllGlobals());
afterEach(cleanup);

const quietCheck = (otherCores: number): QuietCheck => ({
  otherCores,
  thresholdCores: 0.2,
  quiet: otherCores <= 0.2,
  top:
    otherCores > 0.2
      ? [
          { name: 'backup-agent', pid: 4242, cores: otherCores - 0.1 },
          { name: 'chrome', pid: 77, cores: 0.1 },
        ]
      : [],
  windowMs: 1000,
});

/** A LabApi that answers each checkQuiet with the next of `answers` (the last one repeats) and logs starts. */
function fakeLab(answers: readonly number[]) {
  const started: ExperimentConfigInput[] = [];
  let checks = 0;
  const api = fakeLabApi({
    checkQuiet: () => {
      const cores = answers[Math.min(checks, answers.length - 1)] ?? 0;
      checks++;
      return Promise.resolve(quietCheck(cores));
    },
    startExperiment: (config) => {
      started.push(config);
      return Promise.resolve({ runId: `r${started.length}` });
    },
  });
  return { api, started, checks: () => checks };
}

const info = fakeLabInfo(null);
const prefs = QUIET_PREFS;

function renderSection(lab: LabApi) {
  render(
    <LabContext.Provider value={lab}>
      <LabSection info={info} prefs={prefs} />
    </LabContext.Provider>,
  );
  fireEvent.click(screen.getByTestId('headline-run'));
}

describe('the quiet check before a run', () => {
  it('starts the run at once when the machine is quiet, with no banner', async () => {
    const lab = fakeLab([0.05]);
    renderSection(lab.api);
    await waitFor(() => expect(lab.started).toHaveLength(1));
    expect(lab.checks()).toBe(1);
    expect(screen.queryByTestId('quiet-banner')).toBeNull();
  });

  it('holds a run on a busy machine behind a banner naming the programs and their share of a core', async () => {
    const lab = fakeLab([0.95]);
    renderSection(lab.api);
    const banner = await screen.findByTestId('quiet-banner');
    expect(banner.textContent).toContain('0.95 cores');
    expect(screen.getByTestId('quiet-top').textContent).toContain('backup-agent (pid 4242): 0.85 cores');
    expect(screen.getByTestId('quiet-top').textContent).toContain('chrome (pid 77): 0.10 cores');
    // nothing started, and the run buttons wait for the choice
    expect(lab.started).toHaveLength(0);
    expect((screen.getByTestId('headline-run') as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByTestId('quiet-cancel'));
    expect(screen.queryByTestId('quiet-banner')).toBeNull();
    expect(lab.started).toHaveLength(0);
  });

  it('"Run anyway" starts the held run', async () => {
    const lab = fakeLab([0.95]);
    renderSection(lab.api);
    fireEvent.click(await screen.findByTestId('quiet-run-anyway'));
    await waitFor(() => expect(lab.started).toHaveLength(1));
    expect(screen.queryByTestId('quiet-banner')).toBeNull();
    expect(lab.checks()).toBe(1);
  });

  it('"Wait until quiet" re-checks, shows that it waits, and starts the run once the machine is quiet', async () => {
    // busy at the first check and the first re-check, quiet at the second re-check
    const lab = fakeLab([0.95, 0.6, 0.05]);
    renderSection(lab.api);
    fireEvent.click(await screen.findByTestId('quiet-wait'));
    const waiting = await screen.findByTestId('quiet-waiting');
    expect(waiting.textContent).toContain('Waiting until the machine is quiet');
    // the banner follows the latest check while it waits
    await waitFor(() => expect(screen.getByTestId('quiet-banner').textContent).toContain('0.60 cores'));
    expect(lab.started).toHaveLength(0);
    await waitFor(() => expect(lab.started).toHaveLength(1), { timeout: 5000 });
    expect(lab.checks()).toBe(3);
    expect(screen.queryByTestId('quiet-banner')).toBeNull();
  });

  it('stops waiting when cancelled: no run starts, and no more checks are made', async () => {
    const lab = fakeLab([0.95]);
    renderSection(lab.api);
    fireEvent.click(await screen.findByTestId('quiet-wait'));
    await screen.findByTestId('quiet-waiting');
    fireEvent.click(screen.getByTestId('quiet-cancel'));
    const checksAtCancel = lab.checks();
    await act(() => new Promise((r) => setTimeout(r, 1500)));
    expect(lab.checks()).toBe(checksAtCancel);
    expect(lab.started).toHaveLength(0);
    expect(screen.queryByTestId('quiet-banner')).toBeNull();
  });
});
