// Shell completion, generated from the command table: every command and flag is offered, including
// those added to the table later, and bash completes as a user would see it.
import test from 'ava';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { COMMANDS, GLOBAL_OPTIONS, type CommandSpec } from '../src/cli/command-specs.js';
import { SHELLS, completionScript } from '../src/cli/completion-script.js';
import { runCli } from './helpers/run-cli.js';

const exec = promisify(execFile);

test('every command and every flag of the table is in each shell\'s script', (t) => {
  for (const shell of SHELLS) {
    const script = completionScript(shell);
    for (const command of COMMANDS) {
      t.true(script.includes(command.name), `${shell}: ${command.name}`);
      for (const flag of Object.keys(command.options)) t.true(script.includes(shell === 'fish' ? `-l ${flag}` : `--${flag}`), `${shell}: ${command.name} --${flag}`);
    }
    for (const flag of Object.keys(GLOBAL_OPTIONS)) t.true(script.includes(shell === 'fish' ? `-l ${flag}` : `--${flag}`), `${shell}: --${flag}`);
  }
});

test('a command added to the table is completed without touching the generator', (t) => {
  const added: CommandSpec = {
    name: 'sign-images', summary: 'Sign the images a namespace already holds', usage: 'tcr-sigpolicy sign-images [flags]',
    options: { 'role-arn': { type: 'string', value: 'ARN', description: 'reach another account', multiple: true }, from: { type: 'string', value: 'FILE', description: 'a results file' } },
    examples: [],
  };
  const table = [...COMMANDS, added];
  t.regex(completionScript('bash', table), /sign-images\) flags="--role-arn --from /);
  t.regex(completionScript('bash', table), /--out\|--resume\|--seed\|--from\) COMPREPLY=\( \$\(compgen -f/);
  t.regex(completionScript('zsh', table), /'sign-images:Sign the images a namespace already holds'/);
  t.regex(completionScript('zsh', table), /'\*--role-arn\[reach another account\]:ARN:'/);
  t.regex(completionScript('zsh', table), /'--from\[a results file\]:FILE:_files'/);
  t.regex(completionScript('fish', table), /-n '__fish_seen_subcommand_from sign-images' -l role-arn -x -d 'reach another account'/);
  t.regex(completionScript('fish', table), /-l from -r -F -d 'a results file'/);
});

test('zsh and fish escape what their syntax would misread', (t) => {
  const tricky: CommandSpec = {
    name: 'x', summary: "it's [odd]: yes", usage: 'x', examples: [],
    options: { y: { type: 'boolean', description: "a 'quoted' [bracket]: colon" } },
  };
  t.true(completionScript('zsh', [tricky]).includes(`'x:it'\\''s [odd]: yes'`));
  t.true(completionScript('zsh', [tricky]).includes(`'--y[a '\\''quoted'\\'' \\[bracket\\]: colon]'`));
  t.true(completionScript('fish', [tricky]).includes(`-d 'a \\'quoted\\' [bracket]: colon'`));
});

/** What bash offers after the words typed so far, the script loaded from the built CLI. */
async function bashOffers(words: readonly string[]): Promise<string[]> {
  const script = (await runCli(['completion', 'bash'])).stdout;
  const line = words.map((w) => `'${w}'`).join(' ');
  const program = `${script}\nCOMP_WORDS=(${line}); COMP_CWORD=${words.length - 1}; _tcr_sigpolicy; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const { stdout } = await exec('bash', ['--norc', '--noprofile', '-c', program], { cwd: new URL('..', import.meta.url).pathname });
  return stdout.split('\n').filter((l) => l !== '');
}

test('bash: commands, a command\'s flags, files after --out, languages after --lang, the shells after completion', async (t) => {
  t.deepEqual(await bashOffers(['tcr-sigpolicy', 'ba']), ['batch']);
  t.deepEqual(await bashOffers(['tcr-sigpolicy', 'batch', '--dry']), ['--dry-run']);
  t.deepEqual(await bashOffers(['tcr-sigpolicy', 'status', '--re']), ['--region', '--registry-id']);
  t.deepEqual(await bashOffers(['tcr-sigpolicy', 'batch', '--lang', '']), ['en', 'zh-CN']);
  t.deepEqual(await bashOffers(['tcr-sigpolicy', 'batch', 'fixtures/samp']), ['fixtures/sample.csv']);
  t.deepEqual(await bashOffers(['tcr-sigpolicy', 'batch', 'x.csv', '--out', 'fixtures/emulator-s']), ['fixtures/emulator-seed.json']);
  t.deepEqual(await bashOffers(['tcr-sigpolicy', 'completion', '']), ['bash', 'zsh', 'fish']);
});

test('completion without a shell, or with an unknown one, is a usage error', async (t) => {
  const none = await runCli(['completion']);
  t.is(none.code, 2);
  t.regex(none.stderr, /^error: completion needs the shell: bash, zsh or fish/m);
  const odd = await runCli(['completion', 'tcsh']);
  t.is(odd.code, 2);
  t.regex(odd.stderr, /unknown shell 'tcsh'/);
  t.is(odd.stdout, '');
});
