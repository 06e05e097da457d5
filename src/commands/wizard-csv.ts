import { accessSync, constants, statSync } from 'node:fs';
import { contextFor, runContext } from '../cli/run-context.js';
import type { SendOptions } from '../cli/send-options.js';
import { commandLine } from '../core/command-line.js';
import { UsageError, InputError } from '../core/errors.js';
import { invalidResult, type Intake } from '../core/policy-intake.js';
import { countStatuses } from '../core/result.js';
import { formatInputError } from '../core/format-input-error.js';
import { REGIONS } from '../core/regions.js';
import { CREATE_POLICY } from '../services/policy-operations.js';
import { readPolicyCsv } from '../services/read-policy-csv.js';
import { askSelect, askText, GoBack, type ChoiceItem } from '../ui/prompts.js';
import { formatIntakeSummary } from '../ui/wizard-text.js';
import type { SendRequest } from './send-rows.js';
import type { Step } from './wizard-steps.js';
import { t } from '../i18n/messages.js';
import { count } from '../i18n/count.js';

export interface CsvContext {
  /** Options for sending (endpoint, profile); dry run and --skip-invalid are set by the answers. */
  readonly options: SendOptions;
  readonly defaultRegion?: string;
  /** What the first question chose: the action offered first after the summary. */
  readonly preferDryRun: boolean;
  readonly err: NodeJS.WritableStream;
  readonly out: NodeJS.WritableStream;
  readonly send: (request: SendRequest) => Promise<number>;
  /** After a live run that created policies: offers to sign the images already there (`sign-images --from RECORD`); its exit code, or undefined when declined. */
  readonly offerSigning?: (record: string, options: SendOptions) => Promise<number | undefined>;
}

type CsvAction = 'send' | 'send-valid' | 'dry-run' | 'other-file';

export interface CsvState {
  readonly file?: string;
  /** Region for rows without one, when there was no default and the user gave one. */
  readonly region?: string;
  readonly intake?: Intake;
  readonly action?: CsvAction;
  readonly code?: number;
}

/** Why a typed path cannot be read as the input, or undefined when it can. */
export function checkInputFile(path: string): string | undefined {
  if (path === '') return t('wiz.fileRequired');
  if (path === '-') return t('wiz.fileStdin');
  try {
    if (!statSync(path).isFile()) return t('wiz.fileDirectory');
    accessSync(path, constants.R_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? t('wiz.fileMissing') : code === 'EACCES' ? t('wiz.filePermission') : (error as Error).message;
  }
}

/** The row problems that a region would fix: no Region cell and no default to fall back to. */
const needsRegion = (intake: Intake): boolean => intake.problems.some((p) => p.column === 'Region' && !p.value);

export function csvSteps(ctx: CsvContext): Step<CsvState>[] {
  const region = (s: CsvState): string | undefined => s.region ?? ctx.defaultRegion;
  return [
    {
      run: async (s) => ({ ...s, file: await askText(t('wiz.csvFile'), { initial: s.file, check: checkInputFile, flag: t('wiz.csvFileFlag') }) }),
    },
    {
      run: async (s) => {
        const file = s.file ?? '';
        let intake = await readOrExplain(file, region(s), ctx.err);
        let s2: CsvState = s;
        if (needsRegion(intake) && !region(s)) {
          ctx.err.write(`${t('wiz.noRegionDefault')}\n`);
          const chosen = await askSelect(t('wiz.regionForRows'), REGIONS.map((r) => ({ name: r, message: r })), undefined, '--region');
          s2 = { ...s, region: chosen };
          intake = await readOrExplain(file, chosen, ctx.err);
        }
        const listAll = commandLine(['batch', file, '--dry-run'], contextFor('batch', runContext({ ...ctx.options, region: region(s2) })));
        ctx.out.write(formatIntakeSummary(intake, file, listAll, (ctx.out as { columns?: number }).columns || Infinity));
        if (intake.rows.length === 0) ctx.err.write(`${t('wiz.noRowCanBeSent')}\n`);
        const action = await askSelect<CsvAction>(t('wiz.whatNext'), actionChoices(intake), ctx.preferDryRun ? 'dry-run' : intake.invalid.length > 0 ? 'send-valid' : 'send');
        if (action === 'other-file') throw new GoBack();
        return { ...s2, intake, action };
      },
    },
    {
      run: async (s) => {
        const intake = s.intake as Intake;
        const rowRegion = region(s);
        const skipping = intake.invalid.length > 0;
        const options = { ...ctx.options, region: rowRegion, dryRun: s.action === 'dry-run', skipInvalid: skipping };
        let record: string | undefined;
        const code = await ctx.send({
          rows: intake.rows,
          settled: skipping ? intake.invalid.map((row) => invalidResult(row, { region: rowRegion })) : [],
          options,
          confirm: true,
          input: s.file,
          rerun: ['batch', s.file ?? '', ...(skipping ? ['--skip-invalid'] : [])],
          operation: CREATE_POLICY,
          finished: (results, file) => (record = countStatuses(results).created > 0 ? file : undefined),
        });
        // New policies sign only what is pushed after them: offer to sign what their namespaces hold.
        const signed = record && !options.dryRun ? await ctx.offerSigning?.(record, options) : undefined;
        return { ...s, code: signed ?? code };
      },
    },
  ];
}

function actionChoices(intake: Intake): ChoiceItem<CsvAction>[] {
  const valid = intake.rows.length;
  const invalid = intake.invalid.length;
  const other: ChoiceItem<CsvAction> = { name: 'other-file', message: t('wiz.otherFile') };
  if (valid === 0) return [other];
  const send: ChoiceItem<CsvAction> =
    invalid === 0
      ? { name: 'send', message: t('wiz.sendAll', { rows: count('count.row', valid) }) }
      : { name: 'send-valid', message: t('wiz.sendValid', { rows: count('count.validRow', valid) }), hint: t('wiz.sendValidHint', { n: invalid }) };
  const dry: ChoiceItem<CsvAction> = { name: 'dry-run', message: valid === 1 ? t('wiz.dryRunOne') : t('wiz.dryRunMany', { n: valid }) };
  return [send, dry, other];
}

/** Reads the file; a file-level problem (not a CSV, a bad header) is shown and the path is asked again. */
async function readOrExplain(file: string, region: string | undefined, err: NodeJS.WritableStream): Promise<Intake> {
  try {
    return await readPolicyCsv(file, { region });
  } catch (error) {
    if (error instanceof InputError) {
      err.write(formatInputError(error));
      throw new GoBack();
    }
    if (error instanceof UsageError) {
      err.write(`${t('error.prefix', { message: error.message })}\n`);
      throw new GoBack();
    }
    throw error;
  }
}
