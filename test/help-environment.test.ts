// `--help`'s ENVIRONMENT names every variable of the tool's own (TENCENTCLOUD_*, TCR_SIGPOLICY_*) that
// the code reads: a variable added to the code and left out of the help fails here.
import test from 'ava';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { programHelp } from '../src/cli/render-help.js';
import { ROOT } from './helpers/run-cli.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'emulator' ? [] : sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

test('the ENVIRONMENT section of --help names every TENCENTCLOUD_* and TCR_SIGPOLICY_* variable the CLI reads', (t) => {
  const read = new Set(sources(join(ROOT, 'src')).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/env(?:\.|\[')((?:TENCENTCLOUD|TCR_SIGPOLICY)_[A-Z_]+)/g)].map((m) => m[1] ?? '')));
  t.true(read.has('TCR_SIGPOLICY_REDIS_URL'), [...read].join(', '));
  const help = programHelp('0.0.0');
  const environment = help.slice(help.indexOf('ENVIRONMENT'), help.indexOf('EXIT CODES'));
  t.deepEqual([...read].filter((name) => !environment.includes(name)), []);
});
