/**
 * The preload, short of Electron itself: run against stand-ins for contextBridge and ipcRenderer, it must
 * expose exactly LabApi plus onMenuCommand, send each method's arguments on its own channel and nothing
 * else, and pass on only known menu commands.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { LAB_CHANNELS, type LabApi } from '../../electron/common/api';
import { MENU_CHANNEL, MENU_COMMANDS, type LabShellExtras } from '../../electron/common/menu-channel';

const invoked: { channel: string; args: unknown[] }[] = [];
const ipcListeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
let exposed: { key: string; api: unknown } | null = null;

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => {
      exposed = { key, api };
    },
  },
  ipcRenderer: {
    invoke: (channel: string, ...args: unknown[]) => {
      invoked.push({ channel, args });
      return Promise.resolve(
        channel === LAB_CHANNELS.getReport
          ? { ok: false, error: { code: 'not-found', message: 'no such entry', issues: [] } }
          : { ok: true, value: { echoed: channel } },
      );
    },
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      ipcListeners.set(channel, listener);
    },
  },
}));

let lab: LabApi & LabShellExtras;
beforeAll(async () => {
  await import('../../electron/preload/index');
  if (!exposed) throw new Error('the preload exposed nothing');
  expect(exposed.key).toBe('lab');
  lab = exposed.api as LabApi & LabShellExtras;
});

describe('window.lab from the preload', () => {
  it('is exactly the LabApi methods plus onMenuCommand', () => {
    expect(Object.keys(lab).sort()).toEqual(
      [...Object.keys(LAB_CHANNELS), 'onEvent', 'onMenuCommand'].sort(),
    );
    for (const value of Object.values(lab)) expect(typeof value).toBe('function');
  });

  it('sends each call on its own channel with exactly the arguments given', async () => {
    invoked.length = 0;
    await lab.listDemos();
    await lab.startDemo('race');
    await lab.startDemo('race', { params: { runs: 1 }, speed: 'slow' });
    await lab.cancelDemo('d1');
    await lab.listHistory();
    await lab.deleteReport('e1');
    await lab.importReport('{}', 'a.json');
    await lab.exportReport('e1', 'pdf');
    expect(invoked).toEqual([
      { channel: 'lab:listDemos', args: [] },
      { channel: 'lab:startDemo', args: ['race'] },
      { channel: 'lab:startDemo', args: ['race', { params: { runs: 1 }, speed: 'slow' }] },
      { channel: 'lab:cancelDemo', args: ['d1'] },
      { channel: 'lab:listHistory', args: [] },
      { channel: 'lab:deleteReport', args: ['e1'] },
      { channel: 'lab:importReport', args: ['{}', 'a.json'] },
      { channel: 'lab:exportReport', args: ['e1', 'pdf'] },
    ]);
    expect(await lab.cancelDemo('d1')).toBeUndefined();
    expect(await lab.exportReport('e1', 'csv')).toEqual({ echoed: 'lab:exportReport' });
  });

  it('rejects with plain LabErrorData, which survives contextBridge whole', async () => {
    const err = await lab.getReport('nope').catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(Error);
    expect(err).toEqual({ name: 'LabError', code: 'not-found', message: 'no such entry', issues: [] });
  });

  it('passes the import and export menu commands on, and nothing unknown', () => {
    const got: string[] = [];
    const off = lab.onMenuCommand((c) => got.push(c));
    const fire = ipcListeners.get(MENU_CHANNEL);
    if (!fire) throw new Error('no menu listener');
    for (const c of ['import-report', 'export-report', 'rm -rf', 42, 'toggle-theme']) fire({}, c);
    off();
    fire({}, 'import-report');
    expect(got).toEqual(['import-report', 'export-report', 'toggle-theme']);
    expect([...MENU_COMMANDS]).toEqual([
      'toggle-large-text',
      'toggle-theme',
      'import-report',
      'export-report',
    ]);
  });
});
