import { GoBack } from '../ui/prompts.js';

/** One question (or a few that belong together) of a wizard. */
export interface Step<S> {
  /** True when nothing needs asking, e.g. a flag already answered it. */
  readonly skip?: (state: S) => boolean;
  /** Asks, and returns the state with the answer in. Throws GoBack to return to the previous step. */
  readonly run: (state: S) => Promise<S>;
}

/**
 * Runs steps in order. GoBack (Esc) returns to the last step that was asked, keeping every answer
 * so far as the defaults; GoBack at the first asked step is rethrown for the caller to leave, or to
 * go back in an enclosing wizard.
 */
export async function runSteps<S>(steps: readonly Step<S>[], start: S): Promise<S> {
  let state = start;
  const asked: number[] = [];
  let i = 0;
  while (i < steps.length) {
    const step = steps[i] as Step<S>;
    if (step.skip?.(state)) {
      i += 1;
      continue;
    }
    try {
      state = await step.run(state);
      asked.push(i);
      i += 1;
    } catch (error) {
      const previous = error instanceof GoBack ? asked.pop() : undefined;
      if (previous === undefined) throw error;
      i = previous;
    }
  }
  return state;
}
