import { tmpdir } from 'node:os';
import { basename } from 'node:path';
import { findCommand, type CommandSpec } from '../cli/command-specs.js';
import { parseFlags } from '../cli/parse-flags.js';
import { readSendOptions } from '../cli/send-options.js';
import { UsageError } from '../core/errors.js';
import { parseEndpoints } from '../core/endpoint.js';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY, startEmulator } from '../emulator/index.js';
import { CREATE_POLICY } from '../services/policy-operations.js';
import { readPolicyCsv } from '../services/read-policy-csv.js';
import { SAMPLE_CSV } from './bundled-sample.js';
import { DEMO_INTRO, onPurposeText } from './demo-script.js';
import { makeApi } from './make-api.js';
import { sendRows } from './send-rows.js';

const spec = findCommand('demo') as CommandSpec;

/**
 * A rehearsal with nothing real at stake: the emulator in this process, the bundled sample CSV
 * (some rows fail on purpose), the same engine and faces as `batch`.
 */
export async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(spec, argv);
  if (positionals.length > 0) throw new UsageError(`demo takes no arguments, got: ${positionals.join(' ')}`, 'run `tcr-sigpolicy demo`');
  const credential = { secretId: DEMO_SECRET_ID, secretKey: DEMO_SECRET_KEY };
  const emulator = await startEmulator({ port: 0, credentials: [credential] });
  try {
    const endpoint = parseEndpoints([emulator.url]);
    const options = { ...readSendOptions(values, process.stdout.isTTY === true), endpoint, yes: true };
    process.stderr.write(
      `Demo: a local TCR API emulator is listening on ${emulator.url} with demo credentials.\n` +
        `Sending the bundled sample (${SAMPLE_CSV}).\n` +
        DEMO_INTRO,
    );
    const intake = await readPolicyCsv(SAMPLE_CSV, {});
    const code = await sendRows({
      rows: intake.rows,
      settled: [],
      options,
      confirm: false,
      operation: CREATE_POLICY,
      api: makeApi(options, credential),
      journalDir: tmpdir(),
      // The offered export lands in the working directory, not beside the bundled sample.
      input: basename(SAMPLE_CSV),
    });
    process.stderr.write(onPurposeText() + NEXT_STEPS);
    // The failures are part of the script; only an interrupt is not a finished rehearsal.
    return code === 130 ? 130 : 0;
  } finally {
    await emulator.close();
  }
}

const NEXT_STEPS = `
That was a rehearsal: nothing left this machine. To do it for real:
  1. tcr-sigpolicy template > policies.csv     (one row per namespace; or edit a copy of the sample)
  2. export TENCENTCLOUD_SECRET_ID=… TENCENTCLOUD_SECRET_KEY=…   (or pass --profile NAME)
  3. tcr-sigpolicy batch policies.csv --dry-run  (checks every row, shows what would be sent)
  4. tcr-sigpolicy batch policies.csv --out results.csv
`;
