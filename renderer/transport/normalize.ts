/**
 * Errors as the UI receives them. Electron's contextBridge copies only the message of an Error crossing from
 * the preload, so the preload rejects with plain LabErrorData instead, and this turns whatever arrives back
 * into a LabError with its code and field issues.
 */
import { labMethodsOver, type LabApi } from '../../electron/common/api';
import { LabError, type LabErrorCode } from '../../electron/common/errors';

const CODES: ReadonlySet<string> = new Set<LabErrorCode>([
  'invalid-config',
  'invalid-report',
  'busy',
  'not-found',
  'read-only',
  'cancelled',
  'internal',
]);

/** Any rejection value as a LabError; unknown shapes become 'internal' with their message. */
export function toLabError(err: unknown): LabError {
  if (err instanceof LabError) return err;
  if (typeof err === 'object' && err !== null) {
    const { code, message, issues } = err as { code?: unknown; message?: unknown; issues?: unknown };
    if (typeof code === 'string' && CODES.has(code) && typeof message === 'string' && Array.isArray(issues)) {
      const clean = issues.flatMap((i: unknown) => {
        const { field, message: m } = (i ?? {}) as { field?: unknown; message?: unknown };
        return typeof field === 'string' && typeof m === 'string' ? [{ field, message: m }] : [];
      });
      return LabError.fromData({ code: code as LabErrorCode, message, issues: clean });
    }
    if (typeof message === 'string') return new LabError('internal', message);
  }
  return new LabError('internal', String(err));
}

/**
 * The same LabApi, with every rejection turned into a LabError. Anything else the shell offers on the object
 * (onMenuCommand) is passed through untouched.
 */
export function withLabErrors(raw: LabApi): LabApi {
  return {
    ...raw,
    ...labMethodsOver((method, args) => {
      const fn = raw[method] as (...a: unknown[]) => Promise<unknown>;
      // Through a promise, so a synchronous throw is turned into a LabError too.
      return new Promise<unknown>((resolve) => resolve(fn.apply(raw, [...args]))).catch((err: unknown) => {
        throw toLabError(err);
      });
    }),
    onEvent: (listener) => raw.onEvent(listener),
  };
}
