import { mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createReportLibrary, IMPORTS_SUBDIR } from '../../../electron/lab/api/library';
import { SAMPLE_FILE } from '../../fixtures/reports/fixtures';

const root = mkdtempSync(path.join(os.tmpdir(), 'threadlab-library-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('report library', () => {
  it('names the file an import came from, and follows no link put in place of that name', async () => {
    const historyDir = path.join(root, 'history');
    const library = createReportLibrary({ historyDir });
    const stored = await library.import(readFileSync(SAMPLE_FILE, 'utf8'), 'C:\\reports\\sample.json');
    const listed = async () => (await library.list()).find((e) => e.id === stored.id)?.importedFrom;
    expect(await listed()).toBe('sample.json');

    // The name beside the import is shown to every client, watchers included: a link there must not show
    // the first bytes of whatever file it leads to.
    const secret = path.join(root, 'secret.txt');
    writeFileSync(secret, 'TOKEN=do-not-show');
    const from = path.join(historyDir, IMPORTS_SUBDIR, `${stored.id}.from`);
    unlinkSync(from);
    symlinkSync(secret, from);
    expect(await listed()).toBeNull();
  });
});
