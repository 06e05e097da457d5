#!/usr/bin/env node
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { COMMANDS, WIZARD_FLAGS, findCommand } from './cli/command-specs.js';
import { commandHelp, programHelp } from './cli/render-help.js';
import { UsageError } from './core/errors.js';
import { DEBUG_VARIABLE } from './core/tcr-api.js';
import { langFromLocale, parseLang, t, takeLangFlag, useLanguage } from './i18n/messages.js';

/** Each command loads only when it runs, so --help and template never load Ink, React or the SDK. */
const commands: Record<string, () => Promise<{ run(argv: readonly string[]): Promise<number> }>> = {
  create: () => import('./commands/create.js'),
  batch: () => import('./commands/batch.js'),
  template: () => import('./commands/template.js'),
  emulator: () => import('./commands/emulator.js'),
  discover: () => import('./commands/discover.js'),
  rollback: () => import('./commands/rollback.js'),
  status: () => import('./commands/status.js'),
  'sign-images': () => import('./commands/sign-images.js'),
  demo: () => import('./commands/demo.js'),
  completion: () => import('./commands/completion.js'),
};

function version(): string {
  return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
}

/** --lang, else the locale; set before anything speaks, so every message (the usage error for a bad --lang aside) is in it. */
async function chooseLanguage(all: readonly string[]): Promise<string[]> {
  const { lang, rest } = takeLangFlag(all);
  const chosen = lang === undefined ? langFromLocale(process.env) : parseLang(lang);
  await useLanguage(chosen ?? langFromLocale(process.env));
  if (!chosen) throw new UsageError(t('error.badLang', { value: lang ?? '' }), t('error.badLangHint'));
  return rest;
}

/** --verbose, wherever it stands (before a `--`): the request log reads it from the environment, as it reads TCR_SIGPOLICY_DEBUG. */
function takeVerbose(argv: readonly string[]): string[] {
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  if (!argv.slice(0, end).includes('--verbose')) return [...argv];
  process.env[DEBUG_VARIABLE] = '1';
  return [...argv.slice(0, end).filter((a) => a !== '--verbose'), ...argv.slice(end)];
}

async function main(all: readonly string[]): Promise<number> {
  const argv = takeVerbose(await chooseLanguage(all));
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-v') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const spec = rest[0] ? findCommand(rest[0]) : undefined;
    process.stdout.write(spec ? commandHelp(spec) : programHelp(version()));
    return 0;
  }
  // `--verison`, `-help`: a mistyped global flag, neither a wish for the wizard nor one of its flags.
  if (first?.startsWith('-') && !(WIZARD_FLAGS as readonly string[]).includes(first.replace(/^-+/, '').split('=')[0] ?? '')) {
    const meant = (await import('./cli/suggest.js')).closest(first.replace(/^-+/, ''), ['version', 'help']);
    if (meant) throw new UsageError(t('args.unknown', { option: first }), t('error.flagsMeant', { meant, help: t('error.unknownCommandHint') }));
  }
  // No command on a terminal is the wizard (which takes --region, --endpoint and --profile).
  if ((first === undefined || first.startsWith('--')) && process.stdin.isTTY && process.stdout.isTTY) {
    return (await import('./commands/wizard.js')).run(argv);
  }
  if (first === undefined) {
    process.stderr.write(programHelp(version()));
    return 2;
  }
  if (first.startsWith('--')) {
    throw new UsageError(t('error.flagsWithoutCommand', { flag: first }), t('error.flagsWithoutCommandHint'));
  }
  const spec = findCommand(first);
  if (!spec) {
    const meant = (await import('./cli/suggest.js')).closest(first, COMMANDS.map((c) => c.name));
    throw new UsageError(t('error.unknownCommand', { command: first }), meant ? t('error.unknownCommandMeant', { meant }) : t('error.unknownCommandHint'));
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(commandHelp(spec));
    return 0;
  }
  const load = commands[first];
  if (!load) throw new UsageError(t('error.notInBuild', { command: first }), t('error.notInBuildHint'));
  return (await load()).run(rest);
}

// A batch holds its whole file (validated whole before anything is sent). V8 lets the heap grow to up
// to 4 times what is live before collecting it all, which made a 50 MB file peak near 400 MB for
// 90 MB of rows; half as much again as is live costs about 8 % more CPU (docs/performance.md). V8
// reads this flag each time it sizes the heap after a full collection, so setting it here takes hold.
setFlagsFromString('--heap-growing-percent=50');

// `tcr-sigpolicy batch … | head` closes stdout early, and a closed terminal (SIGHUP) fails every
// write with EIO: neither may kill a run whose journal and export still matter, so the rest of the
// output is dropped.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'EIO') throw error;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  // Loaded only to report a failure: --help stays as quick as before the language catalogue joined it.
  async (error: unknown) => {
    process.exitCode = (await import('./cli/report-failure.js')).reportFailure(error, process.stderr);
  },
);
