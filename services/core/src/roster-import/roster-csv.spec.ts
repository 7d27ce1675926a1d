import { isDomainError } from '@tec/shared';
import { duplicateKey, parseRosterCsv, validateRosterLine } from './roster-csv';

describe('roster CSV parsing', () => {
  it('numbers rows by their line in the file and ignores blank lines, a BOM and header case', () => {
    const lines = parseRosterCsv('\uFEFFEmail,First_Name,last_name,ROLE\r\na@x.example,A,B,student\r\n\r\n"c@x.example","C, Jr.",D,teacher\r\n');
    expect(lines.map((line) => [line.line, line.values.email, line.values.first_name])).toEqual([
      [2, 'a@x.example', 'A'],
      [4, 'c@x.example', 'C, Jr.'],
    ]);
  });

  it('names missing and unknown columns', () => {
    try {
      parseRosterCsv('email,first_name,shoe_size\n');
      throw new Error('expected a validation error');
    } catch (error) {
      expect(isDomainError(error) && error.details).toEqual([
        { path: 'csv', message: 'missing column last_name' },
        { path: 'csv', message: 'missing column role' },
        { path: 'csv', message: expect.stringMatching(/^unknown column shoe_size/) },
      ]);
    }
  });

  it('normalises a good row and explains a bad one', () => {
    expect(
      validateRosterLine({ email: ' Ana@X.example ', first_name: 'Ana', last_name: 'Ruiz', role: 'Student', course_code: 'math-12a', timezone: '' }),
    ).toEqual({
      row: { email: 'ana@x.example', firstName: 'Ana', lastName: 'Ruiz', role: 'student', dateOfBirth: null, timezone: null, locale: null, courseCode: 'MATH-12A' },
    });
    expect(validateRosterLine({ email: 'ana@x.example', first_name: 'Ana', last_name: 'Ruiz', role: 'admin' })).toEqual({
      error: expect.stringMatching(/^bad role "admin": unknown role/),
    });
  });

  it('treats the same email in the same course as a duplicate, whatever the case', () => {
    expect(duplicateKey({ email: 'A@x.example', course_code: 'math-1' })).toBe(duplicateKey({ email: 'a@X.example ', course_code: 'MATH-1' }));
    expect(duplicateKey({ email: 'a@x.example', course_code: 'MATH-1' })).not.toBe(duplicateKey({ email: 'a@x.example', course_code: 'BIO-1' }));
  });
});
