import type { Problem } from './problem.js';

/** A mistake in the user's input or flags: shown with a hint, exit code 2, nothing sent. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** One line telling the user what to do instead. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An input file with problems: every one of them is shown, each with its line and column. */
export class InputError extends UsageError {
  constructor(
    message: string,
    readonly source: string,
    readonly problems: readonly Problem[],
    hint?: string,
  ) {
    super(message, hint);
    this.name = 'InputError';
  }
}

/** The user stopped the program (Ctrl-C, Esc at the first question, SIGTERM): exit code 130. */
export class CancelledError extends Error {
  constructor(message = 'Cancelled.') {
    super(message);
    this.name = 'CancelledError';
  }
}

/** The user answered no at the confirmation: nothing was sent, as after a usage error (exit 2, as gh does). */
export class DeclinedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeclinedError';
  }
}
