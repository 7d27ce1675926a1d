import { z } from 'zod';
import { isDomainError } from './domain-error';
import { findNulCharacter, parseOrThrow } from './zod-issues';

describe('parseOrThrow refuses NUL characters (Postgres cannot store them; found by fuzzing)', () => {
  it('finds a NUL in strings, nested values and keys', () => {
    expect(findNulCharacter('a\u0000b')).toBe('(root)');
    expect(findNulCharacter({ search: 'x', nested: { list: ['ok', '\u0000'] } })).toBe('nested.list.1');
    expect(findNulCharacter({ 'a\u0000': 1 })).toBe('(key)');
    expect(findNulCharacter({ search: 'plain', count: 3, none: null })).toBeNull();
  });

  it('throws VALIDATION_FAILED naming the field, before the schema runs', () => {
    const schema = z.object({ search: z.string().optional() });
    let error: unknown;
    try {
      parseOrThrow(schema, { search: '\u0000' }, 'query');
    } catch (caught) {
      error = caught;
    }
    expect(isDomainError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'search', message: 'Text cannot contain NUL characters' }] });
    expect(parseOrThrow(schema, { search: 'fine' })).toEqual({ search: 'fine' });
  });
});
