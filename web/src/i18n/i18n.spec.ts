import { en } from './en';
import { formatLocaleFor, t, tn } from './index';

describe('i18n', () => {
  it('fills variables and leaves unknown ones visible', () => {
    expect(tn('courses.studentCount', 1)).toBe('1 student');
    expect(tn('courses.studentCount', 40)).toBe('40 students');
    const key = Object.keys(en).find((candidate) => en[candidate as keyof typeof en].includes('{')) as keyof typeof en;
    expect(t(key)).toBe(en[key]);
  });

  it('has no empty strings in the English dictionary', () => {
    for (const [key, value] of Object.entries(en)) expect([key, value.trim().length > 0]).toEqual([key, true]);
  });

  it('formats dates with English words and the user’s regional conventions while only English exists', () => {
    expect(formatLocaleFor('en-GB')).toBe('en-GB');
    expect(formatLocaleFor('es-ES')).toBe('en-ES');
    expect(formatLocaleFor('???')).toBe('en');
  });
});
