import { en } from './en';

/**
 * Every UI string goes through `t()`. English is the reference dictionary: its keys type every other one, so a
 * missing translation is a compile error rather than a blank label.
 */
export type MessageKey = keyof typeof en;
export type Dictionary = Record<MessageKey, string>;
export type MessageVars = Record<string, string | number>;

/** Keys written as `<base>.one` / `<base>.other` (CLDR plural categories) can be counted with `tn()`. */
export type PluralBase = MessageKey extends infer K ? (K extends `${infer Base}.other` ? Base : never) : never;

const dictionaries: Record<string, Dictionary> = { en };
let active: Dictionary = en;
let activeLanguage = 'en';
let pluralRules = new Intl.PluralRules('en');

/** Picks the dictionary for a BCP 47 locale (`fr-CA` → `fr`), falling back to English. */
export function setLanguage(locale: string): void {
  const language = locale.split('-')[0]?.toLowerCase() ?? 'en';
  activeLanguage = dictionaries[language] ? language : 'en';
  active = dictionaries[activeLanguage] ?? en;
  pluralRules = new Intl.PluralRules(activeLanguage);
  document.documentElement.lang = activeLanguage;
}

export function t(key: MessageKey, vars?: MessageVars): string {
  const template = active[key] ?? en[key];
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}

export function tn(base: PluralBase, count: number, vars?: MessageVars): string {
  const category = pluralRules.select(count);
  const key = `${base}.${category}`;
  const resolved: MessageKey = isMessageKey(key) ? key : (`${base}.other` as MessageKey);
  return t(resolved, { count, ...vars });
}

/**
 * The locale to format dates and numbers with. Words in a formatted date (weekday, month, "in 3 days") must match
 * the interface language, so a user set to `es-ES` while only English exists gets `en-ES`: English words with
 * Spain's conventions (24-hour clock, day before month). When a Spanish dictionary lands, they get `es-ES` itself.
 */
export function formatLocaleFor(locale: string): string {
  let tag: Intl.Locale;
  try {
    tag = new Intl.Locale(locale);
  } catch {
    return 'en';
  }
  const language = dictionaries[tag.language] ? tag.language : 'en';
  if (language === tag.language) return tag.toString();
  const candidate = tag.region ? `${language}-${tag.region}` : language;
  return Intl.DateTimeFormat.supportedLocalesOf([candidate]).length > 0 ? candidate : language;
}

function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}
