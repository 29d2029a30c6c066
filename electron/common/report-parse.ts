/**
 * Reading a report back: JSON text -> a validated Report, or a LabError('invalid-report') that says what is
 * wrong and where. Nothing in the file is executed; unknown versions are refused rather than guessed at.
 */
import { LabError } from './errors';
import { issuesFromZod } from './config';
import { REPORT_SCHEMA, REPORT_VERSIONS_READ, ReportSchema, type Report } from './report';

export function parseReport(text: string, source = 'report'): Report {
  return validateReport(parseReportJson(text, source), source);
}

/** The JSON of a report file, not yet checked against the schema. */
export function parseReportJson(text: string, source = 'report'): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw LabError.invalid(
      [{ field: source, message: `is not valid JSON (${err instanceof Error ? err.message : String(err)})` }],
      'invalid-report',
    );
  }
}

/**
 * Checks parsed JSON against the report schema. Apart from parseReport so that a reader of a large file can
 * let go of its text before the schema copies the data: at the limits the text alone is 100 MB.
 */
export function validateReport(data: unknown, source = 'report'): Report {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw LabError.invalid([{ field: source, message: 'must be a JSON object' }], 'invalid-report');
  const head = data as { schema?: unknown; version?: unknown };
  if (head.schema !== REPORT_SCHEMA)
    throw LabError.invalid(
      [{ field: 'schema', message: `must be '${REPORT_SCHEMA}' (this is not a ThreadLab report)` }],
      'invalid-report',
    );
  if (!(REPORT_VERSIONS_READ as readonly unknown[]).includes(head.version))
    throw LabError.invalid(
      [
        {
          field: 'version',
          message: `${JSON.stringify(head.version)} is not a version this ThreadLab reads (it reads ${REPORT_VERSIONS_READ.join(' and ')})`,
        },
      ],
      'invalid-report',
    );
  const parsed = ReportSchema.safeParse(data);
  if (!parsed.success) throw LabError.invalid(issuesFromZod(parsed.error), 'invalid-report');
  return parsed.data;
}
