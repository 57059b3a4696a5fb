import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeKeysetCursor, encodeKeysetCursor } from '../../../adapters/persistence/shared/keyset-cursor.js';
import { InvalidCursorError } from '../../../application/shared/pagination.js';

const ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const position = fc.record({
  createdAt: fc.date({ noInvalidDate: true }),
  id: fc.uuid(),
});

function cursorOf(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('keyset cursor', () => {
  it('round-trips a position', () => {
    const createdAt = new Date('2025-03-04T05:06:07.089Z');

    expect(decodeKeysetCursor(encodeKeysetCursor({ createdAt, id: ID }))).toEqual({ createdAt, id: ID });
  });

  it('is URL-safe and opaque (no raw timestamp or id in it)', () => {
    const cursor = encodeKeysetCursor({ createdAt: new Date('2025-03-04T05:06:07.089Z'), id: ID });

    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain(ID);
  });

  it('decode(encode(x)) equals x for every position, to the millisecond', () => {
    fc.assert(
      fc.property(position, (value) => {
        const decoded = decodeKeysetCursor(encodeKeysetCursor(value));
        expect(decoded.createdAt.getTime()).toBe(value.createdAt.getTime());
        expect(decoded).toEqual(value);
      }),
    );
  });

  it('encodes distinct positions to distinct cursors', () => {
    fc.assert(
      fc.property(position, position, (a, b) => {
        fc.pre(a.createdAt.getTime() !== b.createdAt.getTime() || a.id !== b.id);
        expect(encodeKeysetCursor(a)).not.toBe(encodeKeysetCursor(b));
      }),
    );
  });

  it.each([
    ['the empty string', ''],
    ['plain text', 'not-a-cursor'],
    ['non-base64 punctuation', '!!!***'],
    ['base64 of non-JSON', Buffer.from('hello').toString('base64url')],
    ['a JSON object', cursorOf({ createdAt: '2025-01-01T00:00:00.000Z', id: ID })],
    ['a one-element array', cursorOf(['2025-01-01T00:00:00.000Z'])],
    ['a three-element array', cursorOf(['2025-01-01T00:00:00.000Z', ID, 'extra'])],
    ['a numeric timestamp', cursorOf([1735689600000, ID])],
    ['an unparseable date', cursorOf(['yesterday-ish', ID])],
    ['an id that is no UUID', cursorOf(['2025-01-01T00:00:00.000Z', '42'])],
    ['a UUID with SQL appended', cursorOf(['2025-01-01T00:00:00.000Z', `${ID}' or 1=1 --`])],
    ['JSON null', cursorOf(null)],
  ])('refuses %s with InvalidCursorError', (_label, cursor) => {
    expect(() => decodeKeysetCursor(cursor)).toThrow(InvalidCursorError);
  });

  it('answers InvalidCursorError, never another exception, for any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.base64String(), fc.json().map(cursorOf)), (cursor) => {
        try {
          const decoded = decodeKeysetCursor(cursor);
          // Whatever is accepted is a usable position.
          expect(Number.isNaN(decoded.createdAt.getTime())).toBe(false);
          expect(decoded.id).toMatch(/^[0-9a-f-]{36}$/i);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidCursorError);
        }
      }),
    );
  });

  it('carries a field problem pointing at the `after` query parameter', () => {
    try {
      decodeKeysetCursor('garbage');
      expect.unreachable('garbage was accepted');
    } catch (error) {
      expect(error).toMatchObject({
        code: 'invalid_cursor',
        kind: 'invalid_input',
        problems: [{ loc: ['query', 'after'], type: 'invalid_cursor' }],
      });
    }
  });
});
