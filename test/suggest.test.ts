import test from 'ava';
import { closest, editDistance } from '../src/cli/suggest.js';
import { runCli } from './helpers/run-cli.js';

const FLAGS = ['dry-run', 'region', 'registry-id', 'endpoint', 'out', 'yes', 'no-tui', 'max-attempts'];
const cases: [string, string | undefined][] = [
  ['dryrun', 'dry-run'], ['dry_run', 'dry-run'], ['regoin', 'region'], ['endpiont', 'endpoint'], ['registryid', 'registry-id'],
  ['notui', 'no-tui'], ['maxattempts', 'max-attempts'], ['zzz', undefined], ['o', undefined], ['yess', 'yes'],
];
for (const [typed, want] of cases) test(`closest('${typed}') is ${want ?? 'nothing'}`, (t) => t.is(closest(typed, FLAGS), want));

test('editDistance counts a swap of neighbours as one edit', (t) => {
  t.is(editDistance('regoin', 'region'), 1);
  t.is(editDistance('', 'abc'), 3);
});

test('an unknown flag or command gets "did you mean", exit 2', async (t) => {
  const flag = await runCli(['batch', 'policies.csv', '--dryrun']);
  t.is(flag.code, 2);
  t.regex(flag.stderr, /error: Unknown option '--dryrun'\nhint: did you mean --dry-run\?/);
  const command = await runCli(['bach', 'policies.csv']);
  t.is(command.code, 2);
  t.regex(command.stderr, /did you mean `tcr-sigpolicy batch`\?/);
  const version = await runCli(['--verison']);
  t.is(version.code, 2);
  t.regex(version.stderr, /^error: Unknown option '--verison'\nhint: did you mean --version\?/m);
  t.is(version.stdout, '');
});

test('template takes no flags: --json is refused (exit 2), not ignored', async (t) => {
  const run = await runCli(['template', '--json']);
  t.is(run.code, 2);
  t.regex(run.stderr, /^error: Unknown option '--json'\nhint: run `tcr-sigpolicy template --help`/m);
  t.is(run.stdout, '', 'no CSV printed as if nothing were wrong');
});

test('create --help lists only what create takes; the top-level help lists the wizard flags and exit code 70', async (t) => {
  const create = await runCli(['create', '--help']);
  t.notRegex(create.stdout, /--resume|--skip-invalid|--no-tui|--concurrency/);
  t.regex(create.stdout, /--disabled +create the policy disabled/);
  const top = await runCli(['--help']);
  for (const flag of ['--region R', '--endpoint URL', '--profile NAME']) t.true(top.stdout.includes(`  ${flag}`), flag);
  t.regex(top.stdout, /^ {2}70 +a bug/m);
  const rejected = await runCli(['create', '--resume', 'x.csv']);
  t.is(rejected.code, 2);
});
