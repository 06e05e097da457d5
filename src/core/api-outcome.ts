/** What one API call came back with. A failed call is data, not an exception. */
export type ApiOutcome =
  | { readonly ok: true; readonly requestId: string; readonly response?: Readonly<Record<string, unknown>> }
  | {
      readonly ok: false;
      /** The API's error code, or a code of ours for failures with no answer: NetworkError, Timeout, HttpError, Aborted. */
      readonly code: string;
      readonly message: string;
      readonly requestId: string;
      /** HTTP status when the server answered with something other than 200. */
      readonly httpStatus?: number;
      /**
       * The request never left: the run stopped while it waited for its turn, or an earlier answer
       * (AuthFailure, an endpoint refusing connections) stopped all traffic. `code` says why.
       */
      readonly notSent?: true;
    };

export type FailedOutcome = Extract<ApiOutcome, { ok: false }>;
