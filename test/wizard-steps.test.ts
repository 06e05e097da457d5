// runSteps: Esc goes back one asked step; at the first one it leaves.
import test from 'ava';
import { runSteps, type Step } from '../src/commands/wizard-steps.js';
import { GoBack } from '../src/ui/prompts.js';

/** Steps that record each visit and go back when the script says so. */
function scripted(script: Record<number, ('back' | 'ok')[]>, skip: readonly number[] = []): { steps: Step<string[]>[]; visits: number[] } {
  const visits: number[] = [];
  const steps = [0, 1, 2, 3].map((i) => ({
    skip: () => skip.includes(i),
    run: async (answers: string[]) => {
      visits.push(i);
      if (script[i]?.shift() === 'back') throw new GoBack();
      return [...answers, `a${i}`];
    },
  }));
  return { steps, visits };
}

test('Esc goes back one asked step, skipping steps a flag answered, and the answers so far are kept', async (t) => {
  const { steps, visits } = scripted({ 3: ['back'], 1: ['ok', 'back'] }, [2]);
  const answers = await runSteps(steps, []);
  t.deepEqual(visits, [0, 1, 3, 1, 0, 1, 3]);
  t.deepEqual(answers, ['a0', 'a1', 'a0', 'a1', 'a3'], 'each step starts from the state it left, to offer as defaults');
});

test('Esc at the first asked step leaves the steps with GoBack; other errors pass through', async (t) => {
  const first = scripted({ 1: ['back'] }, [0]);
  await t.throwsAsync(runSteps(first.steps, []), { instanceOf: GoBack });
  t.deepEqual(first.visits, [1]);
  const failing: Step<number>[] = [{ run: async () => { throw new Error('bug'); } }];
  await t.throwsAsync(runSteps(failing, 0), { message: 'bug' });
});
