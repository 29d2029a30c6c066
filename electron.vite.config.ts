/**
 * Builds the Electron shell (main, preload) and the React renderer into out/. The engine's runnable entries
 * (out/lab) are bundled separately by scripts/build-lab.mjs.
 *
 * `electron-vite build --mode renderer` builds only the renderer: `npm run serve` needs the UI but not the
 * shell, and this keeps a single renderer config for both.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type RendererViteConfig } from 'electron-vite';
import type { Logger, Plugin } from 'vite';
import { CSP_META } from './electron/lab/serve/csp';

const root = path.dirname(fileURLToPath(import.meta.url));
const META_CSP = /<meta\b(?=[^>]*http-equiv\s*=\s*["']?Content-Security-Policy)[^>]*>\s*/i;
const CONTENT_ATTR = /\bcontent\s*=\s*(["'])([\s\S]*?)\1/i;

/**
 * The built index.html carries exactly the CSP of the browser-mode server (electron/lab/serve/csp.ts), so the
 * policy lives in one place: a CSP tag the page brings is replaced (with a warning if it differed), or one is
 * added. The Electron shell sends the same policy as a header with connect-src narrowed to 'none'
 * (electron/main/app-protocol.ts); Chromium enforces both, so the narrower wins. In the dev server the tag is
 * left out, since Vite's React refresh needs an inline script; the shell sends a dev-only policy then.
 */
function cspMeta(): Plugin {
  let logger: Logger | null = null;
  return {
    name: 'threadlab:csp-meta',
    configResolved(config) {
      logger = config.logger;
    },
    transformIndexHtml: {
      order: 'pre',
      handler(html, ctx) {
        const found = META_CSP.exec(html)?.[0];
        const page = found ? html.replace(found, '') : html;
        if (ctx.server) return page;
        const theirs = found ? (CONTENT_ATTR.exec(found)?.[2] ?? '') : null;
        if (theirs !== null && normalise(theirs) !== normalise(CSP_META)) {
          logger?.warn(
            'renderer/index.html has its own Content-Security-Policy; the build replaces it with the one in ' +
              `electron/lab/serve/csp.ts.\n  page:  ${normalise(theirs)}\n  built: ${CSP_META}`,
          );
        }
        return {
          html: page,
          tags: [
            {
              tag: 'meta',
              attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP_META },
              injectTo: 'head-prepend',
            },
          ],
        };
      },
    },
  };
}

function normalise(csp: string): string {
  return csp
    .split(';')
    .map((d) => d.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .join('; ');
}

const renderer: RendererViteConfig = {
  root: path.join(root, 'renderer'),
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: path.join(root, 'out', 'renderer'),
    emptyOutDir: true,
    rolldownOptions: { input: path.join(root, 'renderer', 'index.html') },
  },
};

export default defineConfig(({ mode }) => {
  if (mode === 'renderer') return { renderer };
  return {
    main: {
      build: {
        outDir: path.join(root, 'out', 'main'),
        rolldownOptions: { input: { index: path.join(root, 'electron', 'main', 'index.ts') } },
      },
    },
    preload: {
      build: {
        // A sandboxed preload can require only 'electron': zod (the method table's schemas) is bundled in.
        externalizeDeps: false,
        outDir: path.join(root, 'out', 'preload'),
        rolldownOptions: {
          input: { index: path.join(root, 'electron', 'preload', 'index.ts') },
          // Sandboxed preloads are loaded as classic scripts: no ES modules there.
          output: { format: 'cjs', entryFileNames: '[name].cjs' },
        },
      },
    },
    renderer,
  };
});
