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

/** The user stopped the program (Ctrl-C, Esc at the first question, SIGTERM): exit code 130. */
export class CancelledError extends Error {
  constructor(message = 'Cancelled.') {
    super(message);
    this.name = 'CancelledError';
  }
}
