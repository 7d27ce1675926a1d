import { useState } from 'react';
import type { TemplateDetail } from '../../api/email.api';
import { t } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';

type Version = TemplateDetail['versions'][number];

/**
 * Every saved version, newest first. Restoring loads a version into the editor as a draft: saving it makes a new
 * version, so history is never rewritten and emails already queued keep the version they were queued with.
 */
export function TemplateHistory({ versions, current, onRestore }: { versions: Version[]; current: number; onRestore: (version: Version) => void }) {
  const format = useFormat();
  const [open, setOpen] = useState<number | null>(null);
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  return (
    <Card title={t('email.history.title')} description={t('email.history.hint')} testId="template-history">
      {sorted.length === 0 ? (
        <p className="text-sm text-slate-600">{t('email.history.empty')}</p>
      ) : (
        <ol className="divide-y divide-slate-100">
          {sorted.map((version) => (
            <li key={version.version} className="py-3">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={version.version === current ? 'brand' : 'neutral'}>{t('email.templates.version', { version: version.version })}</Badge>
                {version.version === current && <span className="text-xs font-medium text-brand-800">{t('email.history.current')}</span>}
                <span className="text-sm text-slate-600">
                  {format.dateTime(version.createdAt)} · {version.createdBy ? t('email.history.byAdmin') : t('email.history.bySeed')}
                </span>
                <span className="ml-auto flex gap-2">
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-expanded={open === version.version}
                    onClick={() => setOpen(open === version.version ? null : version.version)}
                  >
                    {open === version.version ? t('email.history.hide') : t('email.history.show')}
                  </Button>
                  {version.version !== current && (
                    <Button variant="secondary" size="sm" onClick={() => onRestore(version)} data-testid={`restore-version-${version.version}`}>
                      {t('email.history.restore')}
                    </Button>
                  )}
                </span>
              </div>
              <p className="mt-1 truncate text-sm text-slate-800">{version.subject}</p>
              {open === version.version && (
                <pre className="mt-2 max-h-64 overflow-auto whitespace-pre-wrap rounded-lg bg-slate-50 p-3 text-xs text-slate-800">{version.text}</pre>
              )}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
