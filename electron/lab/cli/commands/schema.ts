/** `lab schema`: the JSON Schema of the report format, generated from the same zod schema that reads it. */
import type { Command } from 'commander';
import { z } from 'zod';
import { REPORT_VERSION, ReportSchema } from '../../../common/report';
import { writeOut } from '../print';

export function reportJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ReportSchema, { io: 'input', unrepresentable: 'any' }),
    title: `ThreadLab report, version ${REPORT_VERSION}`,
  };
}

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of the report format (docs/report.schema.json)')
    .action(() => {
      writeOut(JSON.stringify(reportJsonSchema(), null, 2) + '\n');
    });
}
