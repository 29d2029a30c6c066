import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportJsonSchema } from '../../../electron/lab/cli/commands/schema';
import { TOOL_VERSION } from '../../../electron/lab/version';

describe('documented report schema', () => {
  it('docs/report.schema.json is the schema the code reads (regenerate: npm run lab -- schema > docs/report.schema.json)', () => {
    expect(JSON.parse(readFileSync('docs/report.schema.json', 'utf8'))).toEqual(reportJsonSchema());
  });

  it('the engine version stamped into reports is the package version', () => {
    expect(TOOL_VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });
});
