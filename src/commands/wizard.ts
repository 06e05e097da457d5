import { WIZARD_FLAGS, pickSendOptions, type CommandSpec } from '../cli/command-specs.js';
import { endpointsFlag, listFlag, parseFlags, stringFlag, type FlagValues } from '../cli/parse-flags.js';
import { readAccessFlags, type AccessFlags } from '../cli/access-flags.js';
import { readSendOptions } from '../cli/send-options.js';
import { CancelledError, UsageError } from '../core/errors.js';
import type { Endpoints } from '../core/endpoint.js';
import { contextFor, runContext } from '../cli/run-context.js';
import { commandLine } from '../core/command-line.js';
import { flagsToAnswers, type PolicyAnswers } from '../core/policy-answers.js';
import type { RowResult } from '../core/result.js';
import { lookupApi } from '../services/lookup-api.js';
import { defaultRegion } from '../services/default-region.js';
import { askSelect, GoBack } from '../ui/prompts.js';
import { csvSteps, type CsvState } from './wizard-csv.js';
import { policySteps, type PolicyState } from './wizard-policy.js';
import { runSteps } from './wizard-steps.js';
import { t } from '../i18n/messages.js';

/** The flags `tcr-sigpolicy` takes when it runs the wizard. */
const spec: CommandSpec = {
  name: '',
  summary: 'Guided creation of one policy, or many from a CSV',
  usage: 'tcr-sigpolicy [--region R] [--endpoint URL] [--profile NAME] [--role-arn ARN] [--role-session-name NAME]',
  options: pickSendOptions(...WIZARD_FLAGS),
  examples: [],
};

type Task = 'one' | 'csv-send' | 'csv-dry-run' | 'coverage';

/** `tcr-sigpolicy` on a terminal: what to do first, then the questions for it. Esc at the first question leaves. */
export async function run(argv: readonly string[]): Promise<number> {
  const flags = parseWizardFlags(argv);
  let task: Task | undefined;
  for (;;) {
    task = await askSelect<Task>(
      t('wiz.whatToDo'),
      [
        { name: 'one', message: t('wiz.one'), hint: t('wiz.oneHint') },
        { name: 'csv-send', message: t('wiz.csvSend'), hint: t('wiz.csvSendHint') },
        { name: 'csv-dry-run', message: t('wiz.csvDryRun'), hint: t('wiz.csvDryRunHint') },
        { name: 'coverage', message: t('wiz.coverage'), hint: t('wiz.coverageHint') },
      ],
      task,
    ).catch(leaveOnEsc);
    try {
      if (task === 'coverage') return await showCoverage(flags);
      return task === 'one' ? await onePolicy(flags, {}) : await manyFromCsv(flags, task === 'csv-dry-run');
    } catch (error) {
      if (!(error instanceof GoBack)) throw error;
    }
  }
}

/** `create` on a terminal with flags missing: the flags given are answers, the rest is asked. */
export async function runOnePolicyWizard(prefilled: FlagValues): Promise<number> {
  return onePolicy(prefilled, flagsToAnswers(prefilled)).catch(leaveOnEsc);
}

function leaveOnEsc(error: unknown): never {
  throw error instanceof GoBack ? new CancelledError(t('wiz.left')) : error;
}

function parseWizardFlags(argv: readonly string[]): FlagValues {
  try {
    const { values, positionals } = parseFlags(spec, argv);
    if (positionals.length > 0) throw new UsageError(t('error.unknownCommand', { command: positionals[0] ?? '' }), t('wiz.unknownCommandHint'));
    return values;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const meant = error.hint?.match(/^(?:did you mean --[\w-]+\?|您是想用 --[\w-]+ 吗？)/)?.[0];
    throw new UsageError(error.message, t('wiz.flagsHint', { meant: meant ? `${meant} ` : '' }));
  }
}

/**
 * Where to send, as whom and what to default to: the flags, then the environment, then the tccli
 * profile. The account (--role-arn, TENCENTCLOUD_ROLE_ARN, the profile's role-arn) is the one the lists
 * are read in and the policy created in.
 */
function setting(flags: FlagValues): { endpoint: Endpoints; defaultRegion?: string } & AccessFlags {
  const access = readAccessFlags(flags);
  const endpoint = endpointsFlag(flags);
  return { ...access, endpoint, defaultRegion: defaultRegion(stringFlag(flags, 'region'), access.profile) };
}

async function onePolicy(flags: FlagValues, given: PolicyAnswers): Promise<number> {
  const { endpoint, profile, roleArn, roleSessionName, defaultRegion } = setting(flags);
  const api = await lookupApi(endpoint, { profile, roleArn, roleSessionName });
  if (!api) {
    process.stderr.write(`${t('wiz.noCredentials')}\n`);
  }
  const { sendOnePolicy } = await import('./send-one-policy.js');
  // The other flags (endpoint, profile, --yes, --dry-run, …) are read when sending, as `create` reads them.
  const send = async (answers: PolicyAnswers): Promise<number> => {
    const options = { ...readSendOptions(flags, process.stdout.isTTY === true), region: answers.region };
    let created: RowResult | undefined;
    const code = await sendOnePolicy(answers, options, (r) => (created = r.status === 'created' ? r : undefined));
    // A new policy signs only what is pushed after it: offer to sign what the namespace already holds.
    if (!created || options.dryRun) return code;
    const { offerSigning } = await import('./wizard-sign-images.js');
    return (await offerSigning(created, options)) ?? code;
  };
  const steps = policySteps({ api, endpoint, profile, roleArn, defaultRegion, given, err: process.stderr, out: process.stdout, send });
  const done = await runSteps<PolicyState>(steps, { answers: given });
  return done.code ?? 0;
}

async function manyFromCsv(flags: FlagValues, preferDryRun: boolean): Promise<number> {
  const { defaultRegion } = setting(flags);
  const { sendRows } = await import('./send-rows.js');
  const steps = csvSteps({
    options: readSendOptions(flags, process.stdout.isTTY === true),
    defaultRegion, preferDryRun, err: process.stderr, out: process.stdout, send: sendRows,
    offerSigning: async (record, options) => (await import('./wizard-sign-images.js')).offerSigningFrom(record, options),
  });
  const done = await runSteps<CsvState>(steps, {});
  return done.code ?? 0;
}

/** `status` over every region (the wizard's --region is a default, not a filter), then the way to close the gaps. */
async function showCoverage(flags: FlagValues): Promise<number> {
  const given = (name: string): string[] => listFlag(flags, name).flatMap((value) => [`--${name}`, value]);
  const argv = [...given('endpoint'), ...given('profile'), ...given('role-arn'), ...given('role-session-name')];
  const code = await (await import('./status.js')).run(argv);
  const { endpoint, profile, roleArn } = setting(flags);
  const discover = ['discover', '--all-registries', '--unsigned-only', '--kms-id', 'KEY', '--kms-region', 'R', '--out', 'unsigned.csv'];
  process.stderr.write(`${t('wiz.closeGaps', { command: commandLine(discover, contextFor('discover', runContext({ endpoint, profile, roleArn }))) })}\n`);
  return code;
}
