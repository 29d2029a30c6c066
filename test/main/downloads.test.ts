/** Which exports may leave the app as files, and what the export window may load (no Electron needed). */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAllowedDownload, safeDownloadName, saveDialogFilters } from '../../electron/main/download-policy';
import { devPage, filePage, isExportPageRequest } from '../../electron/main/guards';

const page = filePage(path.resolve('/opt/threadlab/resources/app.asar/out/renderer/index.html'));

describe('downloads from the main window', () => {
  it("lets through the UI's own blob and data exports, nothing else", () => {
    expect(isAllowedDownload('blob:file:///3f2a-11', page)).toBe(true);
    expect(isAllowedDownload('blob:null/3f2a-11', page)).toBe(true);
    expect(isAllowedDownload('data:application/pdf;base64,JVBERi0=', page)).toBe(true);
    expect(isAllowedDownload('https://evil.example/payload.exe', page)).toBe(false);
    expect(isAllowedDownload('file:///etc/passwd', page)).toBe(false);
    expect(isAllowedDownload('blob:https://evil.example/3f2a', page)).toBe(false);
    const dev = devPage('http://localhost:5173/');
    if (!dev) throw new Error('dev page');
    expect(isAllowedDownload('blob:http://localhost:5173/3f2a', dev)).toBe(true);
    expect(isAllowedDownload('blob:http://localhost:5174/3f2a', dev)).toBe(false);
    expect(isAllowedDownload('blob:file:///3f2a', dev)).toBe(false);
  });

  it('offers a safe name: no folders, no control or reserved characters', () => {
    expect(safeDownloadName('threadlab-fixture-a-2025-11-22.pdf')).toBe('threadlab-fixture-a-2025-11-22.pdf');
    expect(safeDownloadName('../../.bashrc')).toBe('bashrc');
    expect(safeDownloadName('C:\\Windows\\system32\\x.dll')).toBe('x.dll');
    expect(safeDownloadName('a<b>:c|d?e*"f\u0000\n.md')).toBe('abcdef.md');
    expect(safeDownloadName('')).toBe('threadlab-export');
    expect(safeDownloadName('x'.repeat(500)).length).toBe(200);
  });

  it('suggests the file type of the name in the save dialog', () => {
    expect(saveDialogFilters('r.pdf')[0]).toEqual({ name: 'PDF document', extensions: ['pdf'] });
    expect(saveDialogFilters('r.trace.json')[0]?.name).toBe('Chrome trace');
    expect(saveDialogFilters('r.json')[0]?.name).toBe('ThreadLab report');
    expect(saveDialogFilters('r.PNG')[0]?.extensions).toEqual(['png']);
    expect(saveDialogFilters('r.exe')).toEqual([{ name: 'All files', extensions: ['*'] }]);
  });
});

describe('the hidden export window', () => {
  it('loads only the page being rendered and its embedded images', () => {
    const own = pathToFileURL(path.resolve('/tmp/threadlab-export-x/report.html')).href;
    const pages = new Set([own]);
    expect(isExportPageRequest(own, 'mainFrame', pages)).toBe(true);
    expect(isExportPageRequest('data:image/png;base64,AAAA', 'image', pages)).toBe(true);
    expect(isExportPageRequest(own, 'subFrame', pages)).toBe(false);
    expect(isExportPageRequest(pathToFileURL('/etc/passwd').href, 'mainFrame', pages)).toBe(false);
    expect(isExportPageRequest('https://evil.example/x.png', 'image', pages)).toBe(false);
    expect(isExportPageRequest('data:text/html,<script>1</script>', 'mainFrame', pages)).toBe(false);
    expect(isExportPageRequest(own, 'mainFrame', new Set())).toBe(false);
  });
});
