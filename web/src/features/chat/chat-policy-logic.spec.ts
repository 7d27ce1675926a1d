import { ATTACHMENT_HARD_MAX_BYTES, ChatPolicy } from '@tec/shared/contracts';
import { ApiError } from '../../api/api-error';
import { changesOf, draftOf, POLICY_NUMBER_FIELDS, policyErrorsOf } from './chat-policy-logic';

const policy: ChatPolicy = {
  studentToStudent: true,
  parentToTeacher: true,
  editWindowMinutes: 15,
  floodMaxMessages: 20,
  floodWindowSeconds: 10,
  attachmentMaxBytes: 512 * 1024,
  allowedMimeTypes: ['image/png', 'image/jpeg', 'application/pdf'],
  unreadReminderMinutes: 60,
  updatedAt: '2026-01-05T10:00:00.000Z',
};

const validation = (details: unknown) => new ApiError({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'The body is not valid', details, correlationId: 'c1' });

describe('chat policy editor logic', () => {
  it('shows the same bounds as the ChatPolicy contract (the size in KB)', () => {
    const shape = ChatPolicy.shape;
    for (const field of ['editWindowMinutes', 'floodMaxMessages', 'floodWindowSeconds', 'unreadReminderMinutes'] as const) {
      expect([field, POLICY_NUMBER_FIELDS[field]]).toEqual([field, { min: shape[field].minValue, max: shape[field].maxValue }]);
    }
    expect(POLICY_NUMBER_FIELDS.attachmentMaxKb).toEqual({ min: shape.attachmentMaxBytes.minValue! / 1024, max: ATTACHMENT_HARD_MAX_BYTES / 1024 });
    expect(shape.attachmentMaxBytes.maxValue).toBe(ATTACHMENT_HARD_MAX_BYTES);
  });

  it('sends nothing while nothing changed, even when the stored size is not a whole number of KB', () => {
    const odd = { ...policy, attachmentMaxBytes: 1500 };
    expect(draftOf(odd).attachmentMaxKb).toBe('1.5');
    expect(changesOf(draftOf(odd), draftOf(odd))).toEqual({ changes: {}, invalid: [] });
  });

  it('sends only the changed settings, the size converted to bytes and the types in any order', () => {
    const saved = draftOf(policy);
    const draft = { ...saved, studentToStudent: false, floodMaxMessages: ' 30 ', attachmentMaxKb: '256', allowedMimeTypes: [...saved.allowedMimeTypes].reverse() };
    expect(changesOf(saved, draft)).toEqual({ changes: { studentToStudent: false, floodMaxMessages: 30, attachmentMaxBytes: 256 * 1024 }, invalid: [] });
    expect(changesOf(saved, { ...saved, allowedMimeTypes: ['text/plain'] }).changes).toEqual({ allowedMimeTypes: ['text/plain'] });
  });

  it('leaves ranges to the server but holds back what is not a whole number', () => {
    const saved = draftOf(policy);
    expect(changesOf(saved, { ...saved, floodMaxMessages: '0', editWindowMinutes: '99999' }).changes).toEqual({ floodMaxMessages: 0, editWindowMinutes: 99999 });
    expect(changesOf(saved, { ...saved, floodWindowSeconds: '', editWindowMinutes: '1.5', unreadReminderMinutes: 'ten' }).invalid).toEqual([
      'editWindowMinutes',
      'floodWindowSeconds',
      'unreadReminderMinutes',
    ]);
  });

  it('puts the server’s VALIDATION_FAILED details under the fields they name', () => {
    const error = validation([
      { path: 'floodMaxMessages', message: 'Too small: expected number to be >=1' },
      { path: 'attachmentMaxBytes', message: 'Too big' },
      { path: 'allowedMimeTypes.1', message: 'Invalid option' },
      { path: '(root)', message: 'Unrecognized key' },
    ]);
    expect(policyErrorsOf(error)).toEqual({ floodMaxMessages: 'Too small: expected number to be >=1', attachmentMaxKb: 'Too big', allowedMimeTypes: 'Invalid option' });
  });

  it('names no field for other errors', () => {
    expect(policyErrorsOf(new ApiError({ statusCode: 403, code: 'FORBIDDEN', message: 'Only admins', correlationId: 'c2' }))).toEqual({});
    expect(policyErrorsOf(validation('not a list'))).toEqual({});
    expect(policyErrorsOf(new Error('network'))).toEqual({});
  });
});
