/**
 * The one application error. `code` decides the HTTP status and CLI exit code;
 * `userMessage` is safe to show a person; `message` is for the log and never
 * contains personal data.
 */
export type AppErrorCode =
  | 'BAD_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'TOO_MANY_REQUESTS'
  | 'DATABASE_UNAVAILABLE'
  | 'INTERNAL';

const HTTP_STATUS: Record<AppErrorCode, number> = {
  BAD_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  TOO_MANY_REQUESTS: 429,
  DATABASE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** CLI exit codes per INTERFACES.md: 2 for bad arguments or input, 1 for a failure of the work. */
const EXIT_CODE: Record<AppErrorCode, number> = {
  BAD_INPUT: 2,
  NOT_FOUND: 2,
  CONFLICT: 1,
  UNAUTHENTICATED: 2,
  FORBIDDEN: 2,
  TOO_MANY_REQUESTS: 1,
  DATABASE_UNAVAILABLE: 1,
  INTERNAL: 1,
};

export interface FieldError {
  /** The form field or JSON path the problem is in, e.g. `dateOfBirth` or `rows.3.date`. */
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: string;
  readonly fieldErrors: FieldError[];

  constructor(code: AppErrorCode, userMessage: string, options: { cause?: unknown; internal?: string; fieldErrors?: FieldError[] } = {}) {
    super(options.internal ?? userMessage, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.userMessage = userMessage;
    this.fieldErrors = options.fieldErrors ?? [];
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }

  get exitCode(): number {
    return EXIT_CODE[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
