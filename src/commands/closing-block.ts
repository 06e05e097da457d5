import { takesFlag } from '../cli/command-specs.js';
import { contextFor } from '../cli/run-context.js';
import { accountStopLines } from '../core/account-stops.js';
import { hintFor } from '../core/error-hints.js';
import { commandLine, type RunContext } from '../core/command-line.js';
import { failureCodes, nextSteps, resumeCommand } from '../core/next-steps.js';
import { countStatuses } from '../core/result.js';
import type { ItemResult } from '../core/work-item.js';
import { fitClosingLines } from '../ui/fit-closing-lines.js';

export interface ClosingInput {
  readonly results: Iterable<ItemResult>;
  readonly interrupted: boolean;
  /** The kind's own lines, said first (sign-images: what was signed, and that it cannot be undone). */
  readonly lead?: readonly string[];
  /** Where the results were exported, if they were. */
  readonly out?: string;
  readonly journal?: string;
  /** Writing the journal failed: named as incomplete, never resumed from. */
  readonly journalFailed?: boolean;
  /** The --out that could not be written. */
  readonly outFailed?: string;
  /** The command line that runs the batch again (after `tcr-sigpolicy`); no resume or rollback line without it. */
  readonly rerun?: readonly string[];
  /** What the run used (endpoints, profile, region, language), repeated by every command printed. */
  readonly context: RunContext;
}

/** The short block after every face's last line: where the results are, what failed and why, how to go on or undo. */
/** `width`: the terminal's columns, which the lines are wrapped to between words; Infinity leaves them whole. */
export function closingBlock({ results, interrupted, lead = [], out, journal, journalFailed, outFailed, rerun, context }: ClosingInput, width = Infinity): string {
  // An account the kind's own lines name already (sign-images: its listing stopped, with the RequestId) is not named twice.
  const lines = [...lead, ...accountStopLines(results, (account) => lead.some((line) => line.includes(account))), ...nextSteps({
    counts: countStatuses(results),
    interrupted,
    signing: rerun?.[0] === 'sign-images' || countStatuses(results).signed > 0,
    journal,
    journalFailed,
    outFailed,
    results: out,
    resume: rerun ? (file) => resumeCommand(rerun, file, contextFor(rerun[0] ?? '', context), takesFlag(rerun[0] ?? '', 'force')) : undefined,
    // Only a batch that can be run again is one the user may want to undo; a demo's emulator is gone.
    rollback: rerun ? (file) => commandLine(['rollback', file], contextFor('rollback', context)) : undefined,
    // A live run that created policies left the images already there unsigned.
    signImages: rerun && journal ? (file) => signImagesCommand(file, context) : undefined,
    failures: failureCodes(results, hintFor),
  })];
  return lines.length === 0 ? '' : `\n${fitClosingLines(lines, width).join('\n')}\n`;
}

/**
 * The command that signs the images already in the namespaces a batch created: `sign-images --from`
 * its results, with the run's endpoint, profile and language. Not its region: the registries come from
 * the file, and a region would narrow the listing to one. Nor its role: each row names its own account.
 */
export function signImagesCommand(results: string, context: RunContext): string {
  return commandLine(['sign-images', '--from', results], { ...contextFor('sign-images', context), region: undefined, 'role-arn': undefined });
}
