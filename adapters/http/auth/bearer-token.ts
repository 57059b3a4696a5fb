import type { Context } from 'koa';

/** The token of an `Authorization: Bearer …` header, or null when there is none. */
export function bearerTokenOf(ctx: Context): string | null {
  const header = ctx.get('authorization');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
