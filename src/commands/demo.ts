import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { findCommand, type CommandSpec } from '../cli/command-specs.js';
import { parseFlags } from '../cli/parse-flags.js';
import { readSendOptions } from '../cli/send-options.js';
import { UsageError } from '../core/errors.js';
import { parseEndpoints } from '../core/endpoint.js';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY, startEmulator } from '../emulator/index.js';
import { CREATE_POLICY } from '../services/policy-operations.js';
import { readPolicyCsv } from '../services/read-policy-csv.js';
import { SAMPLE_CSV } from '../services/bundled-sample.js';
import { demoIntro, onPurposeText } from './demo-script.js';
import { demoSigning } from './demo-signing.js';
import { wrapCells } from '../ui/fit-cells.js';
import { fitClosingLines } from '../ui/fit-closing-lines.js';
import { makeApi } from './make-api.js';
import { sendRows } from './send-rows.js';
import { t } from '../i18n/messages.js';

const spec = findCommand('demo') as CommandSpec;

/**
 * A rehearsal with nothing real at stake: the emulator in this process, the bundled sample CSV
 * (some rows fail on purpose), the same engine and faces as `batch`.
 */
export async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(spec, argv);
  if (positionals.length > 0) throw new UsageError(t('demo.noArguments', { args: positionals.join(' ') }), t('demo.noArgumentsHint'));
  const credential = { secretId: DEMO_SECRET_ID, secretKey: DEMO_SECRET_KEY };
  const emulator = await startEmulator({ port: 0, credentials: [credential] });
  // The rehearsal's journal is worth nothing once its emulator is gone: it lives in a folder of its own, removed at the end.
  const journalDir = await mkdtemp(join(tmpdir(), 'tcr-sigpolicy-demo-'));
  try {
    const endpoint = parseEndpoints([emulator.url]);
    const options = { ...readSendOptions(values, process.stdout.isTTY === true), endpoint, yes: true };
    const width = process.stderr.columns ?? Infinity;
    process.stderr.write(
      `${[t('demo.listening', { url: emulator.url }), t('demo.sending', { path: SAMPLE_CSV })].flatMap((line) => wrapCells(line, width)).join('\n')}\n${demoIntro(width)}`,
    );
    const intake = await readPolicyCsv(SAMPLE_CSV, {});
    const code = await sendRows({
      rows: intake.rows,
      settled: [],
      options,
      confirm: false,
      operation: CREATE_POLICY,
      api: makeApi(options, { credential }),
      journalDir,
      scratchJournals: true,
      // The offered export lands in the working directory, not beside the bundled sample.
      input: basename(SAMPLE_CSV),
    });
    const signed = code === 130 ? 130 : await demoSigning(options, credential, journalDir);
    process.stderr.write(`${fitClosingLines(`${onPurposeText()}\n${t('demo.nextSteps')}`.split('\n'), width).join('\n')}\n`);
    // The failures are part of the script; only an interrupt is not a finished rehearsal.
    return code === 130 || signed === 130 ? 130 : 0;
  } finally {
    await emulator.close();
    await rm(journalDir, { recursive: true, force: true });
  }
}
