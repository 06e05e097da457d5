import { CancelledError } from '../core/errors.js';

/**
 * Every enquirer question the tool asks lives here, as small async functions. Cancelling (Esc or
 * Ctrl-C) throws CancelledError; nothing here calls process.exit.
 */
type Enquirer = typeof import('enquirer');

let loaded: Promise<Enquirer> | undefined;
async function enquirer(): Promise<Enquirer> {
  // enquirer is CommonJS: its exports arrive as the default export of the ESM wrapper.
  loaded ??= import('enquirer').then((m) => (m as unknown as { default: Enquirer }).default);
  return loaded;
}

/** Runs one enquirer prompt and returns its answer; cancelling becomes a CancelledError. */
export async function ask<T>(question: Record<string, unknown>): Promise<T> {
  const { prompt } = await enquirer();
  try {
    const answers = (await prompt({ name: 'value', ...question } as Parameters<Enquirer['prompt']>[0])) as { value: T };
    return answers.value;
  } catch (error) {
    // enquirer rejects with an empty string (or nothing) when the user cancels.
    if (!error || error === '') throw new CancelledError('Cancelled: nothing was sent.');
    throw error;
  }
}

export async function askConfirm(message: string, initial = false): Promise<boolean> {
  return ask<boolean>({ type: 'confirm', message, initial });
}
