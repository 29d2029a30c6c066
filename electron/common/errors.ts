/** Errors that cross the engine boundary (CLI, IPC, WebSocket) keep a code and the fields they are about. */

/** One problem with one field of an input, e.g. `workers[1]`: `must be at most 256`. */
export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

export type LabErrorCode =
  'invalid-config' | 'invalid-report' | 'busy' | 'not-found' | 'read-only' | 'cancelled' | 'internal';

/** The serialisable form of a LabError, as it travels over IPC or a WebSocket. */
export interface LabErrorData {
  readonly code: LabErrorCode;
  readonly message: string;
  readonly issues: readonly FieldIssue[];
}

export class LabError extends Error {
  readonly code: LabErrorCode;
  readonly issues: readonly FieldIssue[];

  constructor(code: LabErrorCode, message: string, issues: readonly FieldIssue[] = []) {
    super(message);
    this.name = 'LabError';
    this.code = code;
    this.issues = issues;
  }

  static invalid(issues: readonly FieldIssue[], code: LabErrorCode = 'invalid-config'): LabError {
    const lines = issues.map((i) => `${i.field}: ${i.message}`);
    return new LabError(code, lines.join('; '), issues);
  }

  toData(): LabErrorData {
    return { code: this.code, message: this.message, issues: this.issues };
  }

  static fromData(data: LabErrorData): LabError {
    return new LabError(data.code, data.message, data.issues);
  }

  /** Any thrown value as LabErrorData (unknown errors become 'internal'). */
  static toData(err: unknown): LabErrorData {
    if (err instanceof LabError) return err.toData();
    const message = err instanceof Error ? err.message : String(err);
    return { code: 'internal', message, issues: [] };
  }
}
