import { applySubstitutions, escapeHtml, missingVariables, renderEmail, renderTokenized, tokenSubstitutions, usedVariables } from './template-renderer';

const context = { appUrl: 'https://lms.test', preferencesUrl: 'https://lms.test/p?token=t', unsubscribeUrl: 'https://lms.test/u?token=t' };
const source = {
  subject: 'Hi {{name}}',
  html: '<p>{{name}} <a href="{{profile_link}}">x</a></p>',
  text: 'Hi {{name}} {{profile_link}}',
  variables: [
    { name: 'name', required: true },
    { name: 'profile_link', required: false },
  ],
};

describe('template rendering', () => {
  it('escapes every value in HTML, never in text', () => {
    const rendered = renderEmail(source, { name: '<img src=x onerror=alert(1)>', profile_link: '/me' }, context);
    expect(rendered.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(rendered.html).not.toContain('<img');
    expect(rendered.text).toContain('<img src=x onerror=alert(1)>');
    expect(rendered.html).toContain('href="https://lms.test/me"');
  });

  it('neutralizes javascript: links and header injection in the subject', () => {
    const rendered = renderEmail({ ...source, subject: '{{name}}' }, { name: 'a\r\nBcc: evil@x.test', profile_link: 'javascript:alert(1)' }, context);
    expect(rendered.html).toContain('href="#"');
    expect(rendered.subject).toBe('a Bcc: evil@x.test');
  });

  it('reports missing and empty required variables', () => {
    expect(missingVariables(source.variables, {})).toEqual(['name']);
    expect(missingVariables(source.variables, { name: '  ' })).toEqual(['name']);
    expect(missingVariables(source.variables, { name: 0 })).toEqual([]);
  });

  it('repeats list sections with escaped fields', () => {
    const rendered = renderEmail({ ...source, html: '<ul>{{#items}}<li>{{title}}</li>{{/items}}</ul>', text: '{{#items}}- {{title}}\n{{/items}}' }, { name: 'A', items: [{ title: '<b>1</b>' }, { title: '2' }] }, context);
    expect(rendered.html).toContain('<li>&lt;b&gt;1&lt;/b&gt;</li><li>2</li>');
    expect(rendered.text).toContain('- <b>1</b>\n- 2');
    expect(usedVariables({ subject: '', html: '{{#items}}{{title}}{{/items}}{{name}}', text: '' })).toEqual(['items', 'name']);
  });

  it('a tokenized body with per-recipient substitutions equals the directly rendered email', () => {
    const data = { name: 'Ana & <Bo>', profile_link: '/me' };
    const tokenized = renderTokenized(source)!;
    const substitutions = tokenSubstitutions(tokenized.names, data, context);
    const direct = renderEmail(source, data, context);
    expect(applySubstitutions(tokenized.html, substitutions)).toBe(direct.html);
    expect(applySubstitutions(tokenized.text, substitutions)).toBe(direct.text);
    expect(renderTokenized({ ...source, html: '{{#items}}x{{/items}}' })).toBeNull();
  });

  it('escapes the five HTML specials and the backtick', () => {
    expect(escapeHtml(`<>&"'\``)).toBe('&lt;&gt;&amp;&quot;&#39;&#96;');
  });
});
