import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL } from '../../electron/main/app-protocol';
import { APP_PAGE as page, devPage, isAllowedExternalUrl, isTrustedUrl } from '../../electron/main/guards';
import { unpackedPath } from '../../electron/main/paths';

describe('which frames may call the engine or be navigated to', () => {
  it('trusts our own origin app://threadlab, with any path, hash or query', () => {
    expect(APP_INDEX_URL).toBe('app://threadlab/index.html');
    expect(isTrustedUrl(APP_INDEX_URL, page)).toBe(true);
    expect(isTrustedUrl(`${APP_INDEX_URL}#/results`, page)).toBe(true);
    expect(isTrustedUrl(`${APP_INDEX_URL}?x=1`, page)).toBe(true);
    expect(isTrustedUrl('app://threadlab/', page)).toBe(true);
  });

  it('trusts no other host, port, file, site or scheme', () => {
    for (const url of [
      'app://threadlab.evil/index.html',
      'app://evil/index.html',
      'app://export/x.html',
      'app://threadlab:8080/index.html',
      'app://user@threadlab/index.html',
      'appx://threadlab/index.html',
      'file:///opt/threadlab/resources/app.asar/out/renderer/index.html',
      'file:///tmp/evil.html',
      'https://example.com/',
      'http://threadlab/',
      'about:blank',
      'data:text/html,<p>x</p>',
      'javascript:alert(1)',
      '',
    ]) {
      expect(isTrustedUrl(url, page), url).toBe(false);
    }
    expect(isTrustedUrl(undefined, page)).toBe(false);
  });

  it('accepts a dev server only on loopback http, and then only its origin', () => {
    expect(devPage(undefined)).toBeNull();
    expect(devPage('http://evil.example:5173')).toBeNull();
    expect(devPage('file:///x')).toBeNull();
    const dev = devPage('http://localhost:5173/');
    expect(dev).toEqual({ kind: 'dev', origin: 'http://localhost:5173' });
    if (!dev) return;
    expect(isTrustedUrl('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isTrustedUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedUrl(APP_INDEX_URL, dev)).toBe(false);
  });
});

describe('links that may open outside the app', () => {
  it('opens only https links to the documentation hosts', () => {
    expect(isAllowedExternalUrl('https://nodejs.org/api/worker_threads.html')).toBe(true);
    expect(isAllowedExternalUrl('https://docs.python.org/3/glossary.html#term-global-interpreter-lock')).toBe(
      true,
    );
    expect(isAllowedExternalUrl('http://nodejs.org/')).toBe(false);
    expect(isAllowedExternalUrl('https://nodejs.org.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://user@nodejs.org/')).toBe(false);
    expect(isAllowedExternalUrl('https://nodejs.org:8443/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });
});

describe('engine entries in a packaged app', () => {
  it('maps app.asar to app.asar.unpacked, and leaves other paths alone', () => {
    expect(unpackedPath('/opt/T/resources/app.asar/out/lab')).toBe(
      '/opt/T/resources/app.asar.unpacked/out/lab',
    );
    expect(unpackedPath('C:\\T\\resources\\app.asar\\out\\lab')).toBe(
      'C:\\T\\resources\\app.asar.unpacked\\out\\lab',
    );
    expect(unpackedPath('/home/me/threadlab/out/lab')).toBe('/home/me/threadlab/out/lab');
    expect(unpackedPath('/home/me/app.asarx/out/lab')).toBe('/home/me/app.asarx/out/lab');
  });
});
