// The layering of the architecture as a whitelist (after VS Code's code-layering rule): a module may import
// only what an `allowed` rule names; anything else is an error, as is any import cycle. Folders are named
// after the runtime their code runs in, and each may import only what sits below it:
//   electron/common   pure TypeScript, imports nothing of ours
//   workloads         runs inside a worker thread or child process; imports electron/common
//   electron/lab      the Node engine; imports workloads and electron/common
//   electron/main, electron/preload   the Electron shell; import electron/lab and electron/common
//   renderer          the browser UI; imports electron/common
//   bench, scripts, test and the root config files may import anything.
// Type-only imports count: a type is as much a dependency of the layer as a value.

const COMMON = '^electron/common/';
const WORKLOADS = '^workloads/';
const LAB = '^electron/lab/';
const SHELL = '^electron/(main|preload)/';
const RENDERER = '^renderer/';
const ANYTHING_GOES = '^(bench|scripts|test|tools)/|^[^/]+$';
const ELECTRON_PACKAGE = '^node_modules/electron/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle makes two modules one: split out what both need, or move one of them.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'electron-only-in-shell',
      severity: 'error',
      comment:
        "Only electron/main and electron/preload may import 'electron': the Electron binary cannot be " +
        'downloaded everywhere, so everything else must run in plain Node or a browser.',
      from: { pathNot: SHELL },
      to: { path: ELECTRON_PACKAGE },
    },
  ],
  allowedSeverity: 'error',
  allowed: [
    // Everything may use npm packages ('electron' is fenced off above) and Node's own modules, except the
    // two layers that must also run in a browser.
    { from: {}, to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg'] } },
    { from: { pathNot: `${COMMON}|${RENDERER}` }, to: { dependencyTypes: ['core'] } },
    { from: { path: COMMON }, to: { path: COMMON } },
    { from: { path: WORKLOADS }, to: { path: `${WORKLOADS}|${COMMON}` } },
    { from: { path: LAB }, to: { path: `${LAB}|${WORKLOADS}|${COMMON}` } },
    { from: { path: SHELL }, to: { path: `${SHELL}|${LAB}|${COMMON}` } },
    { from: { path: RENDERER }, to: { path: `${RENDERER}|${COMMON}` } },
    { from: { path: ANYTHING_GOES }, to: {} },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist|coverage|test-results|\\.tmp)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
