/** The one way tests start Debian's (or any installed) Chromium: headless, offline, no sandbox (root). */
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../electron/lab/report/chromium';

export function launchTestChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}
