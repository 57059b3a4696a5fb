/**
 * What a failure may say about itself in a log line or in a failed job's stored output: its type,
 * its stable code, and its message — except for database errors, whose messages can carry
 * statement values (payload data, personal data), so only their SQLSTATE is kept. The rule the
 * HTTP error envelope follows for unexpected errors. Nothing else of the error is read: drivers
 * and libraries hang details (`detail`, `where`, query parameters) on their errors.
 */
export interface JobFailureDescription {
  readonly type: string;
  readonly code?: string;
  readonly message?: string;
}

export function describeJobFailure(error: unknown): JobFailureDescription {
  if (typeof error !== 'object' || error === null) return { type: typeof error };
  // pg-boss reports some failures as plain copies of an error ({ ...err, message, stack }), so
  // the fields are read by name rather than through `instanceof Error`.
  const { name, message, code, sqlState, severity } = error as Record<string, unknown>;
  const type = typeof name === 'string' ? name : error.constructor.name;
  // MikroORM's driver exceptions carry `sqlState`; a raw `pg` DatabaseError carries `severity` and its SQLSTATE as `code`.
  if (typeof sqlState === 'string') return { type, code: sqlState };
  if (typeof severity === 'string' && typeof code === 'string') return { type, code };
  return {
    type,
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof message === 'string' ? { message } : {}),
  };
}

/** The stack's frames without its first line, which repeats the message: safe to log whatever the error is. */
export function stackFrames(error: unknown): string | undefined {
  const stack = typeof error === 'object' && error !== null ? (error as { stack?: unknown }).stack : undefined;
  if (typeof stack !== 'string') return undefined;
  return stack
    .split('\n')
    .filter((line) => line.startsWith('    at '))
    .join('\n');
}
