import type { AttachmentMimeType } from '@tec/shared/contracts';
import { type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { ATTACHMENT_MIME_TYPES, type ChatPolicy } from '../../api/chat.api';
import { type MessageKey, t } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { ErrorState } from '../../ui/error-state';
import { TextField } from '../../ui/field';
import { InfoIcon } from '../../ui/icons';
import { useToast } from '../../ui/toast';
import { changesOf, draftOf, POLICY_NUMBER_FIELDS, type PolicyDraft, type PolicyErrors, type PolicyField, type PolicyNumberField, policyErrorsOf } from './chat-policy-logic';
import { useUpdateChatPolicy } from './use-update-chat-policy';

type Switch = 'studentToStudent' | 'parentToTeacher';
const SWITCHES: readonly Switch[] = ['studentToStudent', 'parentToTeacher'];
/** The rules the policy cannot relax (services/chat/src/policy/safety-policy.ts). */
const NEVER_ALLOWED: readonly MessageKey[] = ['chat.policy.never.parentStudents', 'chat.policy.never.parents', 'chat.policy.never.teachers', 'chat.policy.never.classmates'];

/** The school's chat policy, for admins: only the changed settings are sent; the server's field errors show inline. */
export function ChatPolicyForm({ policy }: { policy: ChatPolicy }) {
  const toast = useToast();
  const format = useFormat();
  const update = useUpdateChatPolicy();
  const saved = useMemo(() => draftOf(policy), [policy]);
  const [draft, setDraft] = useState<PolicyDraft>(saved);
  const [localErrors, setLocalErrors] = useState<PolicyErrors>({});
  // A field edited since the last save attempt no longer shows that attempt's error.
  const [edited, setEdited] = useState<ReadonlySet<PolicyField>>(new Set());
  const { changes, invalid } = changesOf(saved, draft);
  const dirty = Object.keys(changes).length > 0 || invalid.length > 0;
  const serverErrors = policyErrorsOf(update.error);
  const errors: PolicyErrors = { ...localErrors };
  for (const [field, message] of Object.entries(serverErrors) as [PolicyField, string][]) if (!edited.has(field) && !errors[field]) errors[field] = message;
  const generalError = update.isError && Object.keys(serverErrors).length === 0;

  const set = <K extends PolicyField>(field: K, value: PolicyDraft[K]) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setLocalErrors(({ [field]: _cleared, ...rest }) => rest);
    setEdited((current) => new Set(current).add(field));
  };
  const toggleType = (type: AttachmentMimeType, on: boolean) =>
    set('allowedMimeTypes', on ? ATTACHMENT_MIME_TYPES.filter((item) => item === type || draft.allowedMimeTypes.includes(item)) : draft.allowedMimeTypes.filter((item) => item !== type));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (invalid.length > 0) {
      setLocalErrors(Object.fromEntries(invalid.map((field) => [field, t('chat.policy.wholeNumber')])));
      return;
    }
    if (!dirty) return;
    setEdited(new Set());
    update.mutate(changes, {
      // The saved policy comes back as the new cached one; the page then shows it as the new starting point.
      onSuccess: () => toast.show({ kind: 'success', message: t('chat.policy.saved') }),
      onError: (error) => toast.show({ kind: 'error', message: t('chat.policy.saveFailed'), detail: error.message }),
    });
  };

  const numberField = (field: PolicyNumberField, unit: MessageKey) => {
    const { min, max } = POLICY_NUMBER_FIELDS[field];
    return (
      <TextField
        label={t(`chat.policy.${field}` as MessageKey)}
        hint={t('chat.policy.range', { min: format.number(min), max: format.number(max), unit: t(unit) })}
        error={errors[field]}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={draft[field]}
        onChange={(event) => set(field, event.target.value)}
        name={field}
        data-testid={`chat-policy-${field}`}
      />
    );
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4" data-testid="chat-policy-form">
      {/* Disabled while saving: nothing changes under a request in flight. */}
      <fieldset disabled={update.isPending} className="space-y-4">
        <Card title={t('chat.policy.who.title')} description={t('chat.policy.who.description')}>
          <ul className="divide-y divide-slate-200">
            {SWITCHES.map((field) => (
              <li key={field} className="py-3 first:pt-0">
                <label className="flex cursor-pointer items-start gap-3">
                  <input
                    type="checkbox"
                    role="switch"
                    name={field}
                    checked={draft[field]}
                    onChange={(event) => set(field, event.target.checked)}
                    aria-describedby={`${field}-hint`}
                    className="mt-0.5 size-5 shrink-0 accent-brand-700"
                    data-testid={`chat-policy-${field}`}
                  />
                  <span>
                    <span className="block text-sm font-medium text-slate-900">{t(`chat.policy.${field}` as MessageKey)}</span>
                    <span id={`${field}-hint`} className="block text-sm text-slate-600">
                      {t(`chat.policy.${field}.hint` as MessageKey)}
                    </span>
                    {errors[field] && <span className="mt-1 block text-sm text-rose-700">{errors[field]}</span>}
                  </span>
                </label>
              </li>
            ))}
          </ul>
          <Note title={t('chat.policy.never.title')} testId="chat-policy-never">
            <ul className="mt-1 list-disc space-y-0.5 pl-5">
              {NEVER_ALLOWED.map((key) => (
                <li key={key}>{t(key)}</li>
              ))}
            </ul>
          </Note>
        </Card>

        <Card title={t('chat.policy.messages.title')} description={t('chat.policy.messages.description')}>
          <div className="grid gap-4 sm:grid-cols-2">
            {numberField('editWindowMinutes', 'chat.policy.unit.minutes')}
            {numberField('unreadReminderMinutes', 'chat.policy.unit.minutes')}
            {numberField('floodMaxMessages', 'chat.policy.unit.messages')}
            {numberField('floodWindowSeconds', 'chat.policy.unit.seconds')}
          </div>
        </Card>

        <Card title={t('chat.policy.attachments.title')} description={t('chat.policy.attachments.description')}>
          <div className="grid gap-4 sm:grid-cols-2">
            {numberField('attachmentMaxKb', 'chat.policy.unit.kb')}
            <fieldset aria-describedby={errors.allowedMimeTypes ? 'allowed-types-error' : undefined}>
              <legend className="mb-1.5 block text-sm font-medium text-slate-800">{t('chat.policy.allowedMimeTypes')}</legend>
              <div className="grid grid-cols-2 gap-x-4 gap-y-1">
                {ATTACHMENT_MIME_TYPES.map((type) => (
                  <label key={type} className="flex min-h-9 cursor-pointer items-center gap-2 text-sm text-slate-800">
                    <input
                      type="checkbox"
                      checked={draft.allowedMimeTypes.includes(type)}
                      onChange={(event) => toggleType(type, event.target.checked)}
                      className="size-4 shrink-0 accent-brand-700"
                      data-testid="chat-policy-type"
                      data-type={type}
                    />
                    {t(`chat.policy.type.${type}` as MessageKey)}
                  </label>
                ))}
              </div>
              {errors.allowedMimeTypes && (
                <p id="allowed-types-error" className="mt-1.5 text-sm text-rose-700">
                  {errors.allowedMimeTypes}
                </p>
              )}
            </fieldset>
          </div>
        </Card>
      </fieldset>

      {generalError && <ErrorState error={update.error} compact />}
      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-slate-600" data-testid="chat-policy-updated">
          {t('chat.policy.updatedAt', { time: format.dateTime(policy.updatedAt) })}
        </p>
        <div className="flex gap-3">
          <Button
            variant="secondary"
            disabled={!dirty || update.isPending}
            onClick={() => {
              setDraft(saved);
              setLocalErrors({});
              setEdited(new Set());
              update.reset();
            }}
            className="flex-1 sm:flex-none"
          >
            {t('common.reset')}
          </Button>
          <Button type="submit" loading={update.isPending} disabled={!dirty} className="flex-1 sm:flex-none" data-testid="chat-policy-save">
            {t('common.save')}
          </Button>
        </div>
      </div>
    </form>
  );
}

function Note({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <div className="mt-3 flex gap-3 rounded-lg bg-slate-50 p-3 text-sm text-slate-700 ring-1 ring-slate-200" data-testid={testId}>
      <InfoIcon className="mt-0.5 size-5 shrink-0 text-brand-700" />
      <div>
        <p className="font-medium text-slate-900">{title}</p>
        {children}
      </div>
    </div>
  );
}
