/** Where the electron package keeps its binary, or null when it was never downloaded. */
export function electronBinary(projectRoot?: string): string | null;
/** The installer's environment: ELECTRON_CACHE honoured, proxies enabled, its own progress bar off. */
export function installerEnv(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
/** What `npm start` prints when the binary could not be installed: what was tried, why it failed, what next. */
export function installFailureMessage(tried: string, reason: string): string;
export type InstallResult =
  { ok: true; binary: string; downloaded: boolean } | { ok: false; message: string };
/** Runs the electron package's own installer and relays what it does; never starts Electron. */
export function installElectron(
  projectRoot?: string,
  options?: { env?: NodeJS.ProcessEnv; log?: (line: string) => void },
): Promise<InstallResult>;
