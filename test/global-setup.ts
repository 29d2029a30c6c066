import { execFileSync } from 'node:child_process';

/** The engine runs workers from out/lab; build it once before the suite so tests use current sources. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-lab.mjs', '--quiet'], { stdio: 'inherit' });
}
