import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { devPage, filePage, isAllowedExternalUrl, isTrustedUrl } from '../../electron/main/guards';
import { unpackedPath } from '../../electron/main/paths';

const html = path.resolve('/app/resources/app.asar/out/renderer/index.html');
const page = filePage(html);
const own = pathToFileURL(html).href;

describe('which frames may call the engine', () => {
  it('trusts our own index.html, with any hash or query', () => {
    expect(isTrustedUrl(own, page)).toBe(true);
    expect(isTrustedUrl(`${own}#/results`, page)).toBe(true);
    expect(isTrustedUrl(`${own}?x=1`, page)).toBe(true);
  });

  it('trusts no other file, site or scheme', () => {
    expect(isTrustedUrl(pathToFileURL(path.resolve('/tmp/evil.html')).href, page)).toBe(false);
    expect(
      isTrustedUrl(pathToFileURL(path.resolve('/app/resources/app.asar/out/renderer/other.html')).href, page),
    ).toBe(false);
    expect(isTrustedUrl('https://example.com/', page)).toBe(false);
    expect(isTrustedUrl('about:blank', page)).toBe(false);
    expect(isTrustedUrl('', page)).toBe(false);
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
    expect(isTrustedUrl(own, dev)).toBe(false);
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

describe('file URLs spelled differently', () => {
  it('matches the same file however its path is percent-encoded', () => {
    const spaced = filePage(path.resolve('/Applications/Thread Lab.app/out/renderer/index.html'));
    const chromium = pathToFileURL(path.resolve('/Applications/Thread Lab.app/out/renderer/index.html')).href;
    expect(isTrustedUrl(chromium, spaced)).toBe(true);
    expect(isTrustedUrl(chromium.replace('%20', ' '), spaced)).toBe(true);
    expect(isTrustedUrl(chromium.replace('index.html', 'index%2Ehtml'), spaced)).toBe(true);
    expect(isTrustedUrl(chromium.replace('Thread%20Lab', 'Thread%2520Lab'), spaced)).toBe(false);
  });
});
