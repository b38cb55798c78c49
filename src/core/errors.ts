/**
 * Typed failures. The CLI entry maps each to an exit code (Contract 1); nothing else calls
 * process.exit, and none of these prints a stack trace.
 */

/** Bad usage or bad input: exit 2 with a one-line message naming the file and place. */
export class InputError extends Error {
  readonly exitCode = 2;
  constructor(
    message: string,
    readonly file?: string,
    readonly location?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }

  /** The one line the user sees: `FILE:LOCATION: message`. */
  get oneLine(): string {
    const where = [this.file, this.location].filter(Boolean).join(':');
    return where ? `${where}: ${this.message}` : this.message;
  }
}

/** An AWS or network failure that stopped the whole job: exit 3. */
export class AwsFailure extends Error {
  readonly exitCode = 3;
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'AwsFailure';
  }
}

export function isInputError(error: unknown): error is InputError {
  return error instanceof InputError;
}
