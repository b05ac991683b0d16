import { SIGN_IN_FAILED_MESSAGE } from './messages';

/**
 * Every failure a visitor can meet is an AppError whose kind decides the status and public
 * message, so routes and pages say the same thing. Upstream bodies are never forwarded.
 */
export type AppErrorKind =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'length_required'
  | 'unsupported_media_type'
  | 'too_many_attempts'
  | 'member_rate_limited'
  | 'sign_in_busy'
  | 'server_misconfigured'
  | 'upstream_rejected_token'
  | 'upstream_rejected_request'
  | 'upstream_not_found'
  | 'upstream_rate_limited'
  | 'upstream_unavailable'
  | 'upstream_timeout'
  | 'upstream_bad_payload'
  | 'internal';

const STATUS: Record<AppErrorKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  length_required: 411,
  unsupported_media_type: 415,
  too_many_attempts: 429,
  member_rate_limited: 429,
  sign_in_busy: 503,
  server_misconfigured: 503,
  upstream_rejected_token: 502,
  upstream_rejected_request: 502,
  upstream_not_found: 404,
  upstream_rate_limited: 503,
  upstream_unavailable: 503,
  upstream_timeout: 504,
  upstream_bad_payload: 502,
  internal: 500,
};

const DEFAULT_MESSAGE: Record<AppErrorKind, string> = {
  bad_request: 'The request is not valid.',
  unauthorized: 'Sign in to see callback stats.',
  forbidden: 'This request was refused.',
  not_found: 'There is nothing at this address.',
  conflict: 'This conflicts with what is already there.',
  payload_too_large: 'The request is too large.',
  length_required: 'Send the request with a Content-Length: bodies of unknown length are not accepted.',
  unsupported_media_type: 'The request is not in a format this address accepts.',
  // The same words as a wrong password: a throttled attempt must not confirm the account exists.
  too_many_attempts: SIGN_IN_FAILED_MESSAGE,
  member_rate_limited: 'You have asked for many new date ranges in the last minute; try again in a minute.',
  // Too many password checks at once: the same words again, for the same reason.
  sign_in_busy: SIGN_IN_FAILED_MESSAGE,
  server_misconfigured: 'The server is not configured correctly — ask an admin to check its settings.',
  upstream_rejected_token: "Talkover rejected the server's API token — ask an admin to check TALKOVER_API_TOKEN.",
  upstream_rejected_request: 'Talkover refused this request. Try another date range; if it persists, ask an admin.',
  upstream_not_found: 'Talkover has nothing at this address.',
  upstream_rate_limited: "Talkover's rate limit was reached. Try again in a minute.",
  upstream_unavailable: 'Talkover is unavailable right now. Try again in a few minutes.',
  upstream_timeout: 'Talkover did not answer in time. Try again in a few minutes.',
  upstream_bad_payload: 'Talkover sent an answer this dashboard cannot read. Try again later; if it persists, ask an admin.',
  internal: 'Something went wrong on the server. Try again; if it persists, ask an admin.',
};

/** Marks an AppError from any copy of this module (see AppError's `Symbol.hasInstance`). */
const APP_ERROR = Symbol.for('callback-stats.app-error');

export class AppError extends Error {
  /**
   * Next bundles pages and route handlers apart, each with its own copy of this class, and an
   * error can cross from one to the other through the process-wide cache (a route joining a
   * fetch a page started). So `instanceof AppError` checks a brand every copy sets, not the class.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [APP_ERROR]?: unknown })[APP_ERROR] === true;
  }

  readonly [APP_ERROR] = true;
  readonly kind: AppErrorKind;
  /** The machine-readable code in the JSON envelope: the kind, or a finer one (`reversed_range`). */
  readonly code: string;
  /** Seconds the client should wait before retrying, when the upstream said so. */
  readonly retryAfterSeconds?: number;
  /** An upstream failure a second try may fix (network, timeout, 502/503/504); never a 4xx. */
  readonly retryable: boolean;

  constructor(
    kind: AppErrorKind,
    options: { message?: string; code?: string; retryAfterSeconds?: number; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(options.message ?? DEFAULT_MESSAGE[kind], { cause: options.cause });
    this.name = 'AppError';
    this.kind = kind;
    this.code = options.code ?? kind;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.retryable = options.retryable ?? false;
  }

  get status(): number {
    return STATUS[this.kind];
  }

  /** True for failures that are Talkover's, not the visitor's or the server's. */
  get isUpstream(): boolean {
    return this.kind.startsWith('upstream_');
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
