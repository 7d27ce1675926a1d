/**
 * Template rendering. `{{name}}` is replaced by the value HTML-escaped in the HTML part and as is in the
 * text part and subject; there is no raw form, so a variable can never inject markup. `{{#items}}…{{/items}}`
 * repeats its body for each object of a list (fields escaped the same way). Variables named `*_link` or `*_url`
 * must be http(s) or app-relative, or they become `#` (no `javascript:` links).
 */
export interface TemplateVariableSpec {
  name: string;
  required: boolean;
}

export interface TemplateSource {
  subject: string;
  html: string;
  text: string;
  variables: readonly TemplateVariableSpec[];
}

export interface RenderContext {
  appUrl: string;
  /** The signed preferences page of this recipient; omitted in previews. */
  preferencesUrl: string;
  unsubscribeUrl: string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export type TemplateData = Record<string, unknown>;

const VARIABLE = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g;
const SECTION = /\{\{#([a-z][a-z0-9_]*)\}\}([\s\S]*?)\{\{\/\1\}\}/g;
const HAS_SECTION = /\{\{#[a-z]/;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (char) => ESCAPES[char]!);
}

function isLinkName(name: string): boolean {
  return name.endsWith('_link') || name.endsWith('_url');
}

/** The value as text: links are checked, everything else stringified; null and undefined are empty. */
export function plainValue(name: string, value: unknown, appUrl: string): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  if (!isLinkName(name)) return text;
  if (/^https?:\/\//i.test(text)) return text;
  if (text.startsWith('/') && !text.startsWith('//')) return `${appUrl.replace(/\/$/, '')}${text}`;
  return '#';
}

function isPresent(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  return true;
}

/** Required variables absent or empty in `data`. */
export function missingVariables(variables: readonly TemplateVariableSpec[], data: TemplateData): string[] {
  return variables.filter((variable) => variable.required && !isPresent(data[variable.name])).map((variable) => variable.name);
}

/** Every `{{name}}` and section a template uses (for the editor's checks). */
export function usedVariables(source: Pick<TemplateSource, 'subject' | 'html' | 'text'>): string[] {
  const names = new Set<string>();
  for (const part of [source.subject, source.html, source.text]) {
    for (const match of part.matchAll(SECTION)) names.add(match[1]!);
    for (const match of part.replace(SECTION, '').matchAll(VARIABLE)) names.add(match[1]!);
  }
  return [...names];
}

type Resolve = (name: string, html: boolean) => string;

function substituteWith(template: string, resolve: Resolve, html: boolean, sections: (name: string, body: string) => string): string {
  return template.replace(SECTION, (_all, name: string, body: string) => sections(name, body)).replace(VARIABLE, (_all, name: string) => resolve(name, html));
}

function substitute(template: string, data: TemplateData, appUrl: string, html: boolean): string {
  const resolve: Resolve = (name, asHtml) => {
    const value = plainValue(name, data[name], appUrl);
    return asHtml ? escapeHtml(value) : value;
  };
  return substituteWith(template, resolve, html, (name, body) => {
    const list = data[name];
    if (!Array.isArray(list)) return '';
    return list
      .map((item) => substitute(body, typeof item === 'object' && item !== null ? (item as TemplateData) : { value: item }, appUrl, html))
      .join('');
  });
}

/**
 * One body for many recipients (SendGrid `personalizations[].substitutions`): each variable becomes a token,
 * `%%h_<name>%%` in the HTML part and `%%t_<name>%%` in the text part, filled per recipient with the escaped
 * and the plain value. Null when the template has list sections, which can't be tokenized (sent one by one).
 */
export interface TokenizedEmail {
  html: string;
  text: string;
  names: string[];
}

const PREFERENCES_TOKEN = '%%u_preferences%%';
const UNSUBSCRIBE_TOKEN = '%%u_unsubscribe%%';

export function renderTokenized(source: TemplateSource): TokenizedEmail | null {
  if (HAS_SECTION.test(source.html) || HAS_SECTION.test(source.text)) return null;
  const names = new Set<string>();
  const resolve: Resolve = (name, html) => {
    names.add(name);
    return `%%${html ? 'h' : 't'}_${name}%%`;
  };
  const context: RenderContext = { appUrl: '', preferencesUrl: PREFERENCES_TOKEN, unsubscribeUrl: UNSUBSCRIBE_TOKEN };
  const html = wrapHtml(substituteWith(source.html, resolve, true, () => ''), context);
  const text = wrapText(substituteWith(source.text, resolve, false, () => ''), context);
  return { html, text, names: [...names] };
}

/** The per-recipient values of a tokenized body. */
export function tokenSubstitutions(names: readonly string[], data: TemplateData, context: RenderContext): Record<string, string> {
  const values: Record<string, string> = {
    [PREFERENCES_TOKEN]: escapeHtml(context.preferencesUrl),
    [UNSUBSCRIBE_TOKEN]: escapeHtml(context.unsubscribeUrl),
  };
  for (const name of names) {
    const value = plainValue(name, data[name], context.appUrl);
    values[`%%h_${name}%%`] = escapeHtml(value);
    values[`%%t_${name}%%`] = value;
  }
  return values;
}

/** Fills tokens in one pass (values are never scanned again), as SendGrid does with substitutions. */
export function applySubstitutions(body: string, substitutions: Record<string, string>): string {
  const keys = Object.keys(substitutions);
  if (keys.length === 0) return body;
  const pattern = new RegExp(keys.map((key) => key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return body.replace(pattern, (key) => substitutions[key] ?? key);
}

export function renderSubject(subject: string, data: TemplateData, appUrl: string): string {
  // A subject is a header: no markup, no line breaks (header injection).
  return substitute(subject, data, appUrl, false).replace(/[\r\n]+/g, ' ').trim().slice(0, 255);
}

/** The whole email: subject, the HTML part inside the phone-friendly layout, and the text part with its footer. */
export function renderEmail(source: TemplateSource, data: TemplateData, context: RenderContext): RenderedEmail {
  return {
    subject: renderSubject(source.subject, data, context.appUrl),
    html: wrapHtml(substitute(source.html, data, context.appUrl, true), context),
    text: wrapText(substitute(source.text, data, context.appUrl, false), context),
  };
}

/** A single-column, 600px-max layout with inline styles: readable in phone mail apps without CSS support. */
export function wrapHtml(content: string, context: RenderContext): string {
  const prefs = escapeHtml(context.preferencesUrl);
  const unsubscribe = escapeHtml(context.unsubscribeUrl);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light"><title>TEC LMS</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;color:#111827">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6"><tr><td align="center" style="padding:16px 8px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:8px">
<tr><td style="padding:20px 20px 0 20px;font-weight:700;font-size:18px;color:#1d4ed8">TEC LMS</td></tr>
<tr><td style="padding:8px 20px 20px 20px;word-break:break-word">${content}</td></tr>
<tr><td style="padding:16px 20px;border-top:1px solid #e5e7eb;font-size:13px;color:#6b7280">
You get this email because of your notification settings at TEC LMS.<br>
<a href="${prefs}" style="color:#1d4ed8">Manage notification preferences</a> · <a href="${unsubscribe}" style="color:#1d4ed8">Unsubscribe</a>
</td></tr></table></td></tr></table></body></html>`;
}

export function wrapText(content: string, context: RenderContext): string {
  const body = content.replace(/\n{3,}/g, '\n\n').trim();
  return `${body}\n\n--\nTEC LMS\nManage notification preferences: ${context.preferencesUrl}\nUnsubscribe: ${context.unsubscribeUrl}\n`;
}
