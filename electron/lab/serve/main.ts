/**
 * `npm run serve`: the ThreadLab UI in a browser, for machines without the Electron binary. Bundled to
 * out/lab/serve.js, next to the worker entries, and serves the renderer built into out/renderer.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultHistoryDir } from '../report/history-store';
import { checkKey } from './keys';
import { hostProblem } from './origin';
import { DEFAULT_PORT, startLabServer } from './server';

const USAGE = `Usage: node out/lab/serve.js [--port ${DEFAULT_PORT}] [--host 127.0.0.1] [--public] [--renderer <dir>]
                               [--history <dir>] [--token <key>] [--no-quiet-check]

  --port <n>        port to listen on (0 = any free port)
  --host <addr>     address to bind (default 127.0.0.1; 0.0.0.0 with --public); a network address
                    needs --public
  --public          listen on the network too; other machines get a watch-only link and can never
                    start, cancel, import, delete or render PDF/PNG
  --renderer <dir>  folder with the built UI (default: out/renderer)
  --history <dir>   where runs are recorded and imported reports kept
                    (default: $THREADLAB_HOME/history, else ~/.threadlab/history)
  --token <key>     the control key, for scripts (default: $THREADLAB_TOKEN, else a fresh random key
                    at every start); 16-256 characters of A-Z a-z 0-9 - _
  --no-quiet-check  start runs without first checking that other programs leave the machine quiet
                    (the UI then never shows its busy-machine banner)`;

function fail(message: string): never {
  console.error(`serve: ${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        public: { type: 'boolean', default: false },
        renderer: { type: 'string' },
        history: { type: 'string' },
        token: { type: 'string' },
        'no-quiet-check': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    fail(`--port must be a whole number 0-65535, got '${values.port}'`);

  const host = values.host ?? (values.public ? '0.0.0.0' : '127.0.0.1');
  const refused = hostProblem(host, values.public);
  if (refused) fail(refused);
  const chosenKey = values.token ?? process.env.THREADLAB_TOKEN;
  let key: string | undefined;
  try {
    if (chosenKey !== undefined)
      key = checkKey(chosenKey, values.token === undefined ? 'THREADLAB_TOKEN' : '--token');
  } catch (err) {
    fail((err as Error).message);
  }

  const historyDir = path.resolve(values.history ?? defaultHistoryDir());
  const here = path.dirname(fileURLToPath(import.meta.url));
  const rendererDir = path.resolve(values.renderer ?? path.join(here, '..', 'renderer'));
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    console.warn(`serve: ${rendererDir}/index.html is missing; build the UI first (npm run serve does).`);
  }

  const server = await startLabServer({
    rendererDir,
    port,
    public: values.public,
    historyDir,
    host,
    quietCheck: !values['no-quiet-check'],
    ...(key !== undefined ? { key } : {}),
  }).catch((err: unknown) => {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fail(`port ${port} is in use; pick another with --port`);
    throw err;
  });

  // The only place the keys are ever printed: the links are how the user gets them.
  console.log(`ThreadLab is running at ${server.url}`);
  for (const url of server.networkUrls) console.log(`  on the network (watch only): ${url}`);
  console.log(`Runs are recorded in ${historyDir}`);
  console.log('Press Ctrl-C to stop.');

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second Ctrl-C while a run is being torn down: leave now.
      process.exit(130);
    }
    stopping = true;
    console.log(
      `\n${signal}: stopping${server.service.busy ? ' (cancelling the running experiment)' : ''}...`,
    );
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
