#!/usr/bin/env node
import { createRequire } from 'node:module';
import { COMMANDS, findCommand } from './cli/command-specs.js';
import { closest } from './cli/suggest.js';
import { commandHelp, programHelp } from './cli/render-help.js';
import { reportFailure } from './cli/report-failure.js';
import { UsageError } from './core/errors.js';

/** Each command loads only when it runs, so --help and template never load Ink, React or the SDK. */
const commands: Record<string, () => Promise<{ run(argv: readonly string[]): Promise<number> }>> = {
  create: () => import('./commands/create.js'),
  batch: () => import('./commands/batch.js'),
  template: () => import('./commands/template.js'),
  emulator: () => import('./commands/emulator.js'),
  discover: () => import('./commands/discover.js'),
  rollback: () => import('./commands/rollback.js'),
  status: () => import('./commands/status.js'),
  demo: () => import('./commands/demo.js'),
};

function version(): string {
  return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
}

async function main(argv: readonly string[]): Promise<number> {
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
  // No command on a terminal is the wizard (which takes --region, --endpoint and --profile).
  if ((first === undefined || first.startsWith('--')) && process.stdin.isTTY && process.stdout.isTTY) {
    return (await import('./commands/wizard.js')).run(argv);
  }
  if (first === undefined) {
    process.stderr.write(programHelp(version()));
    return 2;
  }
  if (first.startsWith('--')) {
    throw new UsageError(`${first} without a command runs the wizard, which needs a terminal`, 'run `tcr-sigpolicy create --help` or `tcr-sigpolicy batch --help` for the flags that work without one');
  }
  const spec = findCommand(first);
  if (!spec) {
    const meant = closest(first, COMMANDS.map((c) => c.name));
    throw new UsageError(`unknown command '${first}'`, `${meant ? `did you mean \`tcr-sigpolicy ${meant}\`? ` : ''}run \`tcr-sigpolicy --help\` for the list of commands`);
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(commandHelp(spec));
    return 0;
  }
  const load = commands[first];
  if (!load) throw new UsageError(`'${first}' is not available in this build`, 'run `tcr-sigpolicy --help`');
  return (await load()).run(rest);
}

// `tcr-sigpolicy batch … | head` closes stdout early: that must not kill a run whose journal and
// export still matter, so a closed pipe is ignored and the rest of the output is dropped.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = reportFailure(error, process.stderr);
  },
);
