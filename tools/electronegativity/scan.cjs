#!/usr/bin/env node
// Runs Electronegativity through its programmatic API and prints the findings as JSON on stdout, with each
// finding's severity (the CLI's CSV output can lose its first row to a write race, and its SARIF output
// drops severities). Usage: node tools/electronegativity/scan.cjs <dir> [electron-version]
'use strict';
const path = require('node:path');
const run = require('@doyensec/electronegativity/dist/runner.js');

async function main() {
  const input = path.resolve(process.argv[2] || 'electron');
  const version = process.argv[3];
  // The tool logs progress to stdout; keep stdout for the JSON alone.
  const log = console.log;
  console.log = (...args) => console.error(...args);
  const result = await run({
    input,
    isRelative: true,
    electronVersionOverride: version,
    // The release-feed check needs the network and changes with every Electron release.
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    customScan: [],
    parserPlugins: [],
  });
  console.log = log;
  const findings = result.issues.map((i) => ({
    id: i.id,
    severity: i.severity.name,
    confidence: i.confidence.name,
    file: i.file,
    line: i.location ? i.location.line : 0,
    column: i.location ? i.location.column : 0,
    description: i.description,
    manualReview: Boolean(i.manualReview),
  }));
  const errors = result.errors.map((e) => ({
    file: e.file,
    message: e.message,
    tolerable: Boolean(e.tolerable),
  }));
  process.stdout.write(
    `${JSON.stringify({ input, checks: result.globalChecks + result.atomicChecks, findings, errors }, null, 2)}\n`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
