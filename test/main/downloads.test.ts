/** Which exports may leave the app as files, and what the export window may load (no Electron needed). */
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HTML_CSP } from '../../electron/common/export/html';
import { createExportPageHandler, EXPORT_ORIGIN } from '../../electron/main/app-protocol';
import { isAllowedDownload, safeDownloadName, saveDialogFilters } from '../../electron/main/download-policy';
import { APP_PAGE as page, devPage, isExportPageRequest } from '../../electron/main/guards';

describe('downloads from the main window', () => {
  it("lets through the UI's own blob and data exports, nothing else", () => {
    expect(isAllowedDownload('blob:app://threadlab/3f2a-11', page)).toBe(true);
    // Blobs of a file:// page (what the UI was before app://) or of another app:// host are not ours.
    expect(isAllowedDownload('blob:file:///3f2a-11', page)).toBe(false);
    expect(isAllowedDownload('blob:null/3f2a-11', page)).toBe(false);
    expect(isAllowedDownload('blob:app://threadlab.evil/3f2a-11', page)).toBe(false);
    expect(isAllowedDownload('blob:app://export/3f2a-11', page)).toBe(false);
    expect(isAllowedDownload('data:application/pdf;base64,JVBERi0=', page)).toBe(true);
    expect(isAllowedDownload('https://evil.example/payload.exe', page)).toBe(false);
    expect(isAllowedDownload('file:///etc/passwd', page)).toBe(false);
    expect(isAllowedDownload('blob:https://evil.example/3f2a', page)).toBe(false);
    const dev = devPage('http://localhost:5173/');
    if (!dev) throw new Error('dev page');
    expect(isAllowedDownload('blob:http://localhost:5173/3f2a', dev)).toBe(true);
    expect(isAllowedDownload('blob:http://localhost:5174/3f2a', dev)).toBe(false);
    expect(isAllowedDownload('blob:app://threadlab/3f2a', dev)).toBe(false);
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
  const own = `${EXPORT_ORIGIN}/5d0c7f0e-1b7e-4c55-9d7a-2d1f1c0f9a01.html`;

  it('loads only the page being rendered and its embedded images', () => {
    const pages = new Map([[own, '<p>x</p>']]);
    expect(isExportPageRequest(own, 'mainFrame', pages)).toBe(true);
    expect(isExportPageRequest('data:image/png;base64,AAAA', 'image', pages)).toBe(true);
    expect(isExportPageRequest(own, 'subFrame', pages)).toBe(false);
    expect(isExportPageRequest(`${EXPORT_ORIGIN}/other.html`, 'mainFrame', pages)).toBe(false);
    expect(isExportPageRequest(pathToFileURL('/etc/passwd').href, 'mainFrame', pages)).toBe(false);
    expect(isExportPageRequest('https://evil.example/x.png', 'image', pages)).toBe(false);
    expect(isExportPageRequest('data:text/html,<script>1</script>', 'mainFrame', pages)).toBe(false);
    expect(isExportPageRequest(own, 'mainFrame', new Map())).toBe(false);
  });

  it('serves the page from memory under the HTML export policy, and nothing else', async () => {
    const pages = new Map([[own, '<!doctype html><p>report</p>']]);
    const handle = createExportPageHandler(pages);
    const ok = handle({ url: own, method: 'GET' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(ok.headers.get('content-security-policy')).toBe(HTML_CSP);
    expect(await ok.text()).toBe('<!doctype html><p>report</p>');
    for (const url of [`${EXPORT_ORIGIN}/other.html`, 'app://threadlab/index.html', `${own}?x`]) {
      expect(handle({ url, method: 'GET' }).status, url).toBe(404);
    }
    expect(handle({ url: own, method: 'POST' }).status).toBe(404);
    pages.delete(own);
    expect(handle({ url: own, method: 'GET' }).status).toBe(404);
  });
});
