import { countCsvRows, csvByteSize, MAX_CSV_BYTES } from './csv-preview';

describe('roster CSV preview', () => {
  it('counts data rows, ignoring the header and blank lines, with any line ending', () => {
    expect(countCsvRows('email,first_name\r\na@x.example,A\r\n\r\nb@x.example,B\n')).toBe(2);
    expect(countCsvRows('email,first_name')).toBe(0);
    expect(countCsvRows('')).toBe(0);
  });

  it('measures bytes, not characters, against the server limit', () => {
    expect(csvByteSize('ñ')).toBe(2);
    expect(MAX_CSV_BYTES).toBeGreaterThan(100_000);
  });
});
