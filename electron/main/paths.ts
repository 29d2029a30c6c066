/**
 * Where the built pieces sit, relative to the main bundle's folder (out/main). Kept free of 'electron' so
 * the packaging test can check every path the shell will open exists in the build output.
 */
import path from 'node:path';

/** Paths from out/main to what the shell loads. */
export const BUILD_LAYOUT = {
  preload: '../preload/index.cjs',
  rendererHtml: '../renderer/index.html',
  labDir: '../lab',
} as const;

/** The engine files that must exist as real files (workers and child processes load them by path). */
export const LAB_ENTRY_FILES = ['thread-entry.js', 'process-entry.js', 'sampler-entry.js'] as const;

/**
 * Inside a packaged app the main bundle is read from app.asar, but worker threads and forked processes need
 * real files: electron-builder puts out/lab in app.asar.unpacked (asarUnpack), so point there.
 */
export function unpackedPath(p: string): string {
  return p.replace(/([\\/])app\.asar(?=[\\/]|$)/, '$1app.asar.unpacked');
}

export interface AppPaths {
  readonly preload: string;
  readonly rendererHtml: string;
  readonly labDir: string;
}

export function appPaths(mainDir: string): AppPaths {
  return {
    preload: path.resolve(mainDir, BUILD_LAYOUT.preload),
    rendererHtml: path.resolve(mainDir, BUILD_LAYOUT.rendererHtml),
    labDir: unpackedPath(path.resolve(mainDir, BUILD_LAYOUT.labDir)),
  };
}
