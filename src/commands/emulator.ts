import { UsageError } from '../core/errors.js';
import { resolveCredentials } from '../emulator/credentials.js';
import { DEFAULT_PORT, startEmulator } from '../emulator/start-emulator.js';
import type { EmulatorHandle, EmulatorOptions } from '../emulator/types.js';
import { SAMPLE_CSV, pathFrom } from '../services/bundled-sample.js';
import { t } from '../i18n/messages.js';
import { bannerLines } from './emulator-banner.js';
import { parseEmulatorFlags } from './emulator-flags.js';
import { findCommand, type CommandSpec } from '../cli/command-specs.js';
import { commandHelp } from '../cli/render-help.js';

export type StopSignal = 'SIGINT' | 'SIGTERM';

/** What the command touches outside itself; tests pass their own. */
export interface EmulatorCommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** Resolves when the emulator should stop. Default: the first SIGINT or SIGTERM. */
  readonly untilStopped: () => Promise<StopSignal>;
  /** Where the printed sample path is relative to. Default: the working directory. */
  readonly cwd?: string;
}

function untilSignal(): Promise<StopSignal> {
  return new Promise((resolve) => {
    const stop = (signal: StopSignal): void => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(signal);
    };
    const onInt = (): void => stop('SIGINT');
    const onTerm = (): void => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
}

const processIo: EmulatorCommandIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  untilStopped: untilSignal,
};

async function start(options: EmulatorOptions): Promise<EmulatorHandle> {
  try {
    return await startEmulator(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const where = `${options.host ?? '127.0.0.1'}:${options.port ?? DEFAULT_PORT}`;
    if (code === 'EADDRINUSE') throw new UsageError(t('emulator.inUse', { where }), t('emulator.inUseHint'));
    if (code === 'EACCES' || code === 'EADDRNOTAVAIL') throw new UsageError(t('emulator.cannotListen', { where, code }), t('emulator.cannotListenHint'));
    if (error instanceof RangeError) throw new UsageError(error.message, t('cmd.flagsOnlyHint', { command: 'emulator' }));
    throw error;
  }
}

/**
 * `tcr-sigpolicy emulator`: serves until stopped. Exit 0 after SIGTERM, 130 after Ctrl-C (SIGINT),
 * 2 for a usage error (thrown as UsageError for the top-level handler).
 */
export async function run(argv: readonly string[], io: EmulatorCommandIo = processIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(commandHelp(findCommand('emulator') as CommandSpec));
    return 0;
  }
  const flags = parseEmulatorFlags(argv);
  const { credentials, source } = resolveCredentials(io.env);
  const info = flags.quiet ? () => undefined : (line: string) => io.stderr(`${line}\n`);
  const handle = await start({ ...flags.options, credentials, ...(flags.quiet ? {} : { log: info }) });
  const stopped = io.untilStopped();
  io.stdout(`${t('emulator.listening', { url: handle.url })}\n`);
  if (!flags.quiet) {
    const sample = pathFrom(io.cwd ?? process.cwd(), SAMPLE_CSV);
    io.stdout(`${bannerLines({ url: handle.url, source, credentials, sample, options: flags.options }).join('\n')}\n`);
    const from = source === 'demo' ? t('emulator.fromDemo') : t('emulator.fromEnvironment');
    info(t('emulator.accepting', { ids: handle.secretIds.join(', '), from }));
  }
  const signal = await stopped;
  await handle.close();
  info(t('emulator.stopped', { signal }));
  return signal === 'SIGINT' ? 130 : 0;
}
