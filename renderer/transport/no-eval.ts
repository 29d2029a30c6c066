/**
 * Imported first by every way the page starts (renderer/main.tsx, and transport/install.ts, which the browser
 * test loads on its own). The page's CSP allows no eval; left to itself, zod tries `new Function` once to
 * compile fast object parsers. It catches the failure, but Chromium still reports a CSP violation, and a
 * clean page reports none. Interpreted parsing is fast enough for the few objects the page checks.
 */
import { z } from 'zod';

z.config({ jitless: true });
