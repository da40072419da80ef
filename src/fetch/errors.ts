// fetch/errors: the one error type every fetch failure becomes, with a code callers can act
// on (the scheduler backs off on 'timeout', the pipeline skips 'robots-disallowed' …) and a
// message that says what happened and what the operator can do about it.

/** Why a fetch failed. */
export type FetchErrorCode =
  | 'bad-url'
  | 'blocked-address'
  | 'dns'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'redirect-loop'
  | 'http-status'
  | 'bad-encoding'
  | 'robots-disallowed'
  | 'aborted'
  | 'network';

/** A failed fetch; the message says what happened and what to do. */
export class FetchError extends Error {
  constructor(
    readonly code: FetchErrorCode,
    readonly url: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FetchError';
  }
}
