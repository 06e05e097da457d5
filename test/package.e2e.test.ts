// The package as npm would publish it: packed with `npm pack`, unpacked where a global install puts
// it (its dependencies linked from this clone: no registry is asked), then used from a folder
// outside the clone, as a user who ran `npm install -g tcr-sigpolicy` would.
import test from 'ava';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY } from '../src/emulator/index.js';
import { startTestEmulator } from './helpers/emulator-kit.js';
import { cleanHome, CLI, ROOT } from './helpers/run-cli.js';

const exec = promisify(execFile);

interface Packed {
  readonly filename: string;
  readonly files: readonly { readonly path: string }[];
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  readonly name: string;
  readonly license: string;
  readonly dependencies: Record<string, string>;
  readonly repository?: { readonly url?: string };
  readonly homepage?: string;
  readonly bugs?: { readonly url?: string };
};

/** Packs once (dist is already built: the scripts are not run again) and installs into a fresh prefix. */
async function install(): Promise<{ files: string[]; bin: string; outside: string }> {
  if (!existsSync(CLI)) throw new Error('run `npm run build` before the end-to-end tests');
  const dir = mkdtempSync(join(tmpdir(), 'tcr-sigpolicy-pack-'));
  const { stdout } = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT });
  const [packed] = JSON.parse(stdout) as Packed[];
  if (!packed) throw new Error(`npm pack said: ${stdout}`);
  const lib = join(dir, 'prefix', 'lib', 'node_modules');
  const home = join(lib, manifest.name);
  mkdirSync(home, { recursive: true });
  await exec('tar', ['-xzf', join(dir, packed.filename), '-C', home, '--strip-components=1']);
  for (const dependency of Object.keys(manifest.dependencies)) symlinkSync(join(ROOT, 'node_modules', dependency), join(lib, dependency));
  const bin = join(dir, 'prefix', 'bin');
  mkdirSync(bin);
  symlinkSync(join(home, 'dist', 'cli.js'), join(bin, 'tcr-sigpolicy'));
  const outside = join(dir, 'work');
  mkdirSync(outside);
  return { files: packed.files.map((f) => f.path), bin, outside };
}

const installed = install();

function env(bin: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: cleanHome(), NO_COLOR: '1', CI: 'false', ...extra };
}

test('the package carries the code, the docs --help points to, the license and the bundled sample; not the sources or tests', async (t) => {
  const { files, bin, outside } = await installed;
  for (const file of ['dist/cli.js', 'LICENSE', 'README.md', 'package.json', 'fixtures/sample.csv', 'fixtures/emulator-seed.json']) t.true(files.includes(file), file);
  t.false(files.some((f) => f.startsWith('src/') || f.startsWith('test/')), 'no sources or tests');
  const { stdout } = await exec('tcr-sigpolicy', ['--help'], { cwd: outside, env: env(bin) });
  const helps = [stdout];
  for (const command of ['batch', 'discover', 'status', 'rollback', 'emulator', 'create']) helps.push((await exec('tcr-sigpolicy', [command, '--help'], { cwd: outside, env: env(bin) })).stdout);
  const named = [...new Set(helps.join('\n').match(/docs\/[\w.-]+\.md/g) ?? [])];
  t.true(named.length > 0, 'the help names pages in docs/');
  for (const page of named) t.true(files.includes(page), `${page}, named by --help, is in the package`);
  t.regex(readFileSync(join(bin, '..', 'lib', 'node_modules', manifest.name, 'LICENSE'), 'utf8'), /^MIT License\n/);
  t.is(manifest.license, 'MIT');
  t.regex(manifest.repository?.url ?? '', /^git\+https:\/\//);
  t.regex(manifest.homepage ?? '', /^https:\/\//);
  t.regex(manifest.bugs?.url ?? '', /^https:\/\//);
});

test('installed, outside the clone: the emulator --help example with the sample runs as printed, and the demo runs', async (t) => {
  const { bin, outside } = await installed;
  const emulator = await startTestEmulator();
  t.teardown(() => emulator.close());
  const help = (await exec('tcr-sigpolicy', ['emulator', '--help'], { cwd: outside, env: env(bin) })).stdout;
  const example = /^ {2}\$ (tcr-sigpolicy batch .*sample\.csv.*)$/m.exec(help)?.[1] ?? '';
  t.regex(example, / \/\S+\/lib\/node_modules\/tcr-sigpolicy\/fixtures\/sample\.csv /, 'the installed copy of the sample, by its full path');
  const pasted = example.replace('127.0.0.1:9500', `127.0.0.1:${emulator.port}`);
  const credentials = { TENCENTCLOUD_SECRET_ID: DEMO_SECRET_ID, TENCENTCLOUD_SECRET_KEY: DEMO_SECRET_KEY };
  const run = await exec('sh', ['-c', pasted], { cwd: outside, env: env(bin, credentials) }).catch((error: { code: number; stdout: string; stderr: string }) => error);
  t.is('code' in run ? run.code : 0, 1, 'the sample has rows the seed blocks on purpose: exit 1, as in the clone');
  t.regex(run.stderr, /Done in [^:]+: 4 invalid, 1 skipped, 55 dry-run\. Nothing was sent\./, run.stderr);
  const demo = await exec('tcr-sigpolicy', ['demo', '--no-tui', '--out', 'demo.csv'], { cwd: outside, env: env(bin) });
  t.regex(demo.stderr, /That was a rehearsal/);
  t.true(existsSync(join(outside, 'demo.csv')));
});
