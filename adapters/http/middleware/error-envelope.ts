import { STATUS_CODES } from 'node:http';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { RateLimitExceededError } from '../../../application/access/rate-limit-exceeded-error.js';
import { ProviderCallError } from '../../../application/outreach/provider-call-error.js';
import { DomainError, type DomainErrorKind, type FieldProblem } from '../../../domain/shared/domain-error.js';
import { RequestValidationError } from '../routing/request-validation-error.js';
import { requestLoggerOf } from './access-log.js';
import { providerFailureAnswer } from './provider-failure-answer.js';

/** The one error body every route answers with (DESIGN.md §8). */
export interface ErrorEnvelope {
  readonly detail: string;
  readonly code: string;
  readonly errors: readonly FieldProblem[];
}

const STATUS_BY_KIND: Readonly<Record<DomainErrorKind, number>> = {
  invalid_input: 422,
  rule_violation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
};

/** Stable codes for failures raised by the HTTP machinery itself (body parser, router). */
const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'bad_request',
  401: 'authentication_required',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  501: 'not_implemented',
};

interface HttpishError {
  status?: unknown;
  code?: unknown;
  expose?: unknown;
  type?: unknown;
  message?: unknown;
}

/**
 * Turns every failure into the envelope. Expected outcomes keep their message; anything
 * unexpected is logged in full server-side and answered with a bare 500, so no stack trace, SQL
 * or upstream payload ever reaches a client.
 */
export function errorEnvelope(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        respond(ctx, 404, { detail: `No route for ${ctx.method} ${ctx.path}.`, code: 'route_not_found', errors: [] });
      }
    } catch (error) {
      if (error instanceof DomainError) {
        const status = STATUS_BY_KIND[error.kind];
        if (status === 401) ctx.set('WWW-Authenticate', 'Bearer');
        if (error instanceof RateLimitExceededError) ctx.set('Retry-After', String(error.retryAfterSeconds));
        respond(ctx, status, { detail: error.message, code: error.code, errors: error.problems });
        return;
      }
      if (error instanceof ProviderCallError) {
        // The error carries no provider name, key or payload by construction; safe to log whole.
        const { capability, operation, kind, httpStatus, attempts } = error;
        requestLoggerOf(ctx, logger).warn({ capability, operation, kind, httpStatus, attempts }, 'provider call failed');
        const answer = providerFailureAnswer(error);
        respond(ctx, answer.status, { detail: answer.detail, code: answer.code, errors: [] });
        return;
      }
      if (error instanceof RequestValidationError) {
        respond(ctx, 422, { detail: error.message, code: 'validation_failed', errors: error.problems });
        return;
      }
      const fault = clientFaultOf((error ?? {}) as HttpishError);
      if (fault) {
        respond(ctx, fault.status, fault.envelope);
        return;
      }
      requestLoggerOf(ctx, logger).error({ err: describeForLog(error) }, 'unhandled error');
      respond(ctx, 500, { detail: 'Internal server error.', code: 'internal_error', errors: [] });
    }
  };
}

/** zlib's codes for a compressed request body that does not decompress. */
const CORRUPT_COMPRESSION = new Set(['Z_DATA_ERROR', 'Z_BUF_ERROR', 'Z_NEED_DICT', 'ERR_BROTLI_DECOMPRESSION_FAILED', 'ERR_ZLIB_INFLATE_FAILED']);

/**
 * Failures raised by the HTTP machinery (body parser, decompression, router) that are the
 * client's doing, with the answer for each; undefined for anything that is our fault.
 */
function clientFaultOf(error: HttpishError): { status: number; envelope: ErrorEnvelope } | undefined {
  // co-body rethrows JSON.parse's SyntaxError with status 400 attached.
  if (error instanceof SyntaxError || error.type === 'entity.parse.failed') {
    return { status: 400, envelope: { detail: 'The request body is not valid JSON.', code: 'malformed_json', errors: [] } };
  }
  if (typeof error.code === 'string' && CORRUPT_COMPRESSION.has(error.code)) {
    return { status: 400, envelope: { detail: 'The request body could not be decompressed.', code: 'malformed_body', errors: [] } };
  }
  const status = typeof error.status === 'number' ? error.status : 500;
  // 4xx are the client's doing; a 501 from the router means an HTTP method nobody implements.
  if (!((status >= 400 && status < 500) || status === 501)) return undefined;
  // Only errors marked `expose` carry messages written for clients; others get the status text.
  const detail =
    error.expose === true && typeof error.message === 'string' && error.message ? error.message : `${STATUS_CODES[status] ?? 'Bad Request'}.`;
  return { status, envelope: { detail, code: CODE_BY_STATUS[status] ?? 'bad_request', errors: [] } };
}

/**
 * What an unexpected error may put in the log: never its enumerable extras (a body parser error
 * carries the raw request body) and, for database errors, not the message either, since drivers
 * inline the failing statement's values there.
 */
function describeForLog(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const { sqlState, code } = error as { sqlState?: unknown; code?: unknown };
  if (typeof sqlState === 'string') {
    return { type: error.name, sqlState, stack: error.stack?.split('\n').slice(1).join('\n') };
  }
  return { type: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}), stack: error.stack };
}

function respond(ctx: Parameters<Middleware>[0], status: number, envelope: ErrorEnvelope): void {
  ctx.status = status;
  ctx.body = envelope;
}
