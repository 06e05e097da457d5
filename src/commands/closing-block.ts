import { takesFlag } from '../cli/command-specs.js';
import { hintFor } from '../core/error-hints.js';
import { failureCodes, nextSteps, resumeCommand, signImagesCommand } from '../core/next-steps.js';
import { countStatuses, type RowResult } from '../core/result.js';

export interface ClosingInput {
  readonly results: readonly RowResult[];
  readonly interrupted: boolean;
  /** Where the results were exported, if they were. */
  readonly out?: string;
  readonly journal?: string;
  /** The command line that runs the batch again (after `tcr-sigpolicy`); no resume or rollback line without it. */
  readonly rerun?: readonly string[];
}

/** The short block after every face's last line: where the results are, what failed and why, how to go on or undo. */
export function closingBlock({ results, interrupted, out, journal, rerun }: ClosingInput): string {
  const lines = nextSteps({
    counts: countStatuses(results),
    interrupted,
    journal,
    results: out,
    resume: rerun ? (file) => resumeCommand(rerun, file, takesFlag(rerun[0] ?? '', 'force')) : undefined,
    // Only a batch that can be run again is one the user may want to undo; a demo's emulator is gone.
    undo: rerun !== undefined,
    // A live run that created policies left the images already there unsigned.
    signImages: rerun && journal ? (file) => signImagesCommand(rerun.slice(1), file) : undefined,
    failures: failureCodes(results),
    hint: hintFor,
  });
  return lines.length === 0 ? '' : `\n${lines.join('\n')}\n`;
}
