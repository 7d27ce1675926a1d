// Pure logic of the admins' chat policy editor (no React): the form's draft, what changed, and the API's
// VALIDATION_FAILED details per field. Tested in chat-policy-logic.spec.ts.
import { ATTACHMENT_HARD_MAX_BYTES, type AttachmentMimeType } from '@tec/shared/contracts';
import { isApiError } from '../../api/api-error';
import type { ChatPolicy, ChatPolicyUpdate } from '../../api/chat.api';

const KB = 1024;

/**
 * The number fields with the bounds of the ChatPolicy contract, shown as hints. The server validates them (its
 * errors appear under the field; a server may allow less than the contract's attachment ceiling, through its
 * CHAT_ATTACHMENT_MAX_BYTES); the spec checks that these still match the contract. The attachment size is edited
 * in KB (the contract holds bytes), its ceiling read from the contract.
 */
export const POLICY_NUMBER_FIELDS = {
  editWindowMinutes: { min: 0, max: 1440 },
  floodMaxMessages: { min: 1, max: 1000 },
  floodWindowSeconds: { min: 1, max: 3600 },
  unreadReminderMinutes: { min: 5, max: 10080 },
  attachmentMaxKb: { min: 1, max: ATTACHMENT_HARD_MAX_BYTES / KB },
} as const;
export type PolicyNumberField = keyof typeof POLICY_NUMBER_FIELDS;
export type PolicyField = PolicyNumberField | 'studentToStudent' | 'parentToTeacher' | 'allowedMimeTypes';

/** What the form holds: numbers as typed (strings), so a half-typed value is not lost. */
export interface PolicyDraft {
  studentToStudent: boolean;
  parentToTeacher: boolean;
  editWindowMinutes: string;
  floodMaxMessages: string;
  floodWindowSeconds: string;
  unreadReminderMinutes: string;
  attachmentMaxKb: string;
  allowedMimeTypes: AttachmentMimeType[];
}

export type PolicyErrors = Partial<Record<PolicyField, string>>;

export function draftOf(policy: ChatPolicy): PolicyDraft {
  return {
    studentToStudent: policy.studentToStudent,
    parentToTeacher: policy.parentToTeacher,
    editWindowMinutes: String(policy.editWindowMinutes),
    floodMaxMessages: String(policy.floodMaxMessages),
    floodWindowSeconds: String(policy.floodWindowSeconds),
    unreadReminderMinutes: String(policy.unreadReminderMinutes),
    // A size set in bytes through the API shows rounded; it is only sent back if the admin changes it.
    attachmentMaxKb: String(Math.round((policy.attachmentMaxBytes / KB) * 10) / 10),
    allowedMimeTypes: [...policy.allowedMimeTypes],
  };
}

/** A whole number as typed, or null (empty, decimals, letters). */
function wholeNumber(value: string): number | null {
  const trimmed = value.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/**
 * The fields that differ from the saved policy, ready for `PUT /messages/policy` (only those are sent, so two
 * admins changing different settings do not undo each other), or the fields that are not numbers at all. Ranges
 * are left to the server.
 */
export function changesOf(saved: PolicyDraft, draft: PolicyDraft): { changes: ChatPolicyUpdate; invalid: PolicyNumberField[] } {
  const changes: ChatPolicyUpdate = {};
  const invalid: PolicyNumberField[] = [];
  if (draft.studentToStudent !== saved.studentToStudent) changes.studentToStudent = draft.studentToStudent;
  if (draft.parentToTeacher !== saved.parentToTeacher) changes.parentToTeacher = draft.parentToTeacher;
  for (const field of Object.keys(POLICY_NUMBER_FIELDS) as PolicyNumberField[]) {
    if (draft[field].trim() === saved[field].trim()) continue;
    const value = wholeNumber(draft[field]);
    if (value === null) {
      invalid.push(field);
      continue;
    }
    if (field === 'attachmentMaxKb') changes.attachmentMaxBytes = value * KB;
    else changes[field] = value;
  }
  const types = (list: readonly string[]) => [...list].sort().join(',');
  if (types(draft.allowedMimeTypes) !== types(saved.allowedMimeTypes)) changes.allowedMimeTypes = [...draft.allowedMimeTypes];
  return { changes, invalid };
}

/** The contract's field names onto the form's (the size is edited in KB). */
const FIELD_OF: Record<string, PolicyField> = {
  studentToStudent: 'studentToStudent',
  parentToTeacher: 'parentToTeacher',
  editWindowMinutes: 'editWindowMinutes',
  floodMaxMessages: 'floodMaxMessages',
  floodWindowSeconds: 'floodWindowSeconds',
  unreadReminderMinutes: 'unreadReminderMinutes',
  attachmentMaxBytes: 'attachmentMaxKb',
  allowedMimeTypes: 'allowedMimeTypes',
};

/**
 * VALIDATION_FAILED details (`[{ path: 'floodMaxMessages', message }]`, `allowedMimeTypes.0` for a list item) as one
 * message per form field; details naming no field of the form are left to the form's general error.
 */
export function policyErrorsOf(error: unknown): PolicyErrors {
  if (!isApiError(error) || error.code !== 'VALIDATION_FAILED' || !Array.isArray(error.details)) return {};
  const errors: PolicyErrors = {};
  for (const issue of error.details as unknown[]) {
    if (typeof issue !== 'object' || issue === null) continue;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    const first = Array.isArray(path) ? path[0] : typeof path === 'string' ? path.split('.')[0] : undefined;
    const field = typeof first === 'string' ? FIELD_OF[first] : undefined;
    if (field && typeof message === 'string' && !errors[field]) errors[field] = message;
  }
  return errors;
}
