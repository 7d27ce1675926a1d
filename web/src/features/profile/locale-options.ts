import { browserTimeZone } from '../../i18n/format';

/** Locales offered for formatting dates and numbers. The interface text is English until more dictionaries land. */
export const LOCALE_OPTIONS = ['en-US', 'en-GB', 'en-AU', 'en-CA', 'en-IN', 'es-ES', 'es-MX', 'fr-FR', 'de-DE', 'pt-BR', 'ar-EG', 'zh-CN', 'ja-JP'] as const;

export function localeLabel(locale: string, displayIn: string): string {
  try {
    const names = new Intl.DisplayNames([displayIn], { type: 'language' });
    return names.of(locale) ?? locale;
  } catch {
    return locale;
  }
}

/** Every IANA zone this browser knows; older engines without supportedValuesOf still get the user's own zone. */
export function timeZoneOptions(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const all = new Set([...zones, current, browserTimeZone(), 'UTC']);
  return [...all].filter(Boolean).sort((a, b) => a.localeCompare(b));
}
