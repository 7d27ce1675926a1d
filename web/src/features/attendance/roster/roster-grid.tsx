import type { AttendanceStatus, FlaggedCheckIn, RosterEntry } from '@tec/shared/contracts';
import { useMemo, useState } from 'react';
import { isApiError } from '../../../api/api-error';
import { type MessageKey, t, tn } from '../../../i18n';
import { errorTitle } from '../../../i18n/error-messages';
import { useFormat } from '../../../i18n/use-format';
import { Button } from '../../../ui/button';
import { cx } from '../../../ui/class-names';
import { EmptyState } from '../../../ui/empty-state';
import { AlertIcon, SearchIcon } from '../../../ui/icons';
import { useToast } from '../../../ui/toast';
import { STATUS_SOLID, STATUSES, StatusBadge, statusLabel } from '../shared/status';
import { type Draft, draftToMarks, gridRows, type GridRow, markAllUnmarked, pruneDraft, setNote, setStatus, tally } from './grid-state';
import { useAudit } from './use-audit';
import { useBulkMark } from './use-bulk-mark';

interface RosterGridProps {
  sessionId: string;
  entries: RosterEntry[];
  flagged: FlaggedCheckIn[];
  /** Cancelled sessions can't be marked. */
  readOnly: boolean;
}

/**
 * The teacher's grid: one row per student with four large status choices (native radios: arrow keys work), a note,
 * and the record's history. Edits stay local until Save sends them in one atomic bulk mark.
 */
export function RosterGrid({ sessionId, entries, flagged, readOnly }: RosterGridProps) {
  const toast = useToast();
  const bulk = useBulkMark(sessionId);
  const [draftState, setDraft] = useState<Draft>({});
  const [filter, setFilter] = useState('');
  // Pushes and refetches replace `entries`; edits the server now agrees with drop out.
  const draft = useMemo(() => pruneDraft(entries, draftState), [entries, draftState]);
  const rows = gridRows(entries, draft);
  const counts = tally(rows);
  const marks = draftToMarks(entries, draft);
  const flagsByStudent = useMemo(() => {
    const map = new Map<string, FlaggedCheckIn[]>();
    for (const flag of flagged) map.set(flag.student.id, [...(map.get(flag.student.id) ?? []), flag]);
    return map;
  }, [flagged]);
  const needle = filter.trim().toLowerCase();
  const shown = needle
    ? rows.filter((row) => `${row.entry.student.firstName} ${row.entry.student.lastName} ${row.entry.student.email}`.toLowerCase().includes(needle))
    : rows;

  const save = () =>
    bulk.mutate(
      { marks },
      {
        onSuccess: (result) => {
          setDraft({});
          toast.show({ kind: 'success', message: tn('roster.saved', result.changed) });
        },
        onError: (error) =>
          toast.show({
            kind: 'error',
            message: t('roster.saveFailed'),
            detail: isApiError(error) ? `${errorTitle(error.code)} · ${error.message}` : undefined,
          }),
      },
    );

  if (entries.length === 0) return <EmptyState title={t('roster.emptyTitle')}>{t('roster.emptyBody')}</EmptyState>;

  return (
    <div data-testid="roster-grid">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <p className="text-sm text-slate-700" aria-live="polite" data-testid="roster-tally">
          {STATUSES.map((status) => `${statusLabel(status)} ${counts[status]}`).join(' · ')} · {statusLabel('unmarked')} {counts.unmarked}
        </p>
        {!readOnly && (
          <Button variant="secondary" onClick={() => setDraft((current) => markAllUnmarked(entries, current, 'present'))} disabled={counts.unmarked === 0}>
            {t('roster.markAllPresent')}
          </Button>
        )}
      </div>
      {!readOnly && <p className="mt-1 text-xs text-slate-600">{t('roster.markAllHint')}</p>}
      <label className="relative mt-4 block">
        <span className="sr-only">{t('roster.filter')}</span>
        <SearchIcon className="pointer-events-none absolute top-3 left-3 size-5 text-slate-500" />
        <input
          type="search"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          placeholder={t('roster.filter')}
          className="h-11 w-full rounded-lg border border-slate-300 pr-3 pl-10 text-base shadow-sm sm:text-sm"
        />
      </label>
      <ul className="mt-4 divide-y divide-slate-200 rounded-lg border border-slate-200">
        {shown.map((row) => (
          <GridRowView
            key={row.entry.student.id}
            sessionId={sessionId}
            row={row}
            flags={flagsByStudent.get(row.entry.student.id) ?? []}
            readOnly={readOnly}
            onStatus={(status) => setDraft((current) => setStatus(current, row.entry.student.id, status))}
            onNote={(note) => setDraft((current) => setNote(current, row.entry.student.id, note))}
          />
        ))}
      </ul>
      {!readOnly && (
        // Sticky above the phone's bottom bar, so Save is always one tap away on a long class.
        <div className="sticky bottom-20 z-20 mt-4 flex items-center justify-between gap-3 rounded-xl border border-slate-200 bg-white/95 p-3 shadow-lg backdrop-blur md:bottom-24">
          <p className="text-sm text-slate-700" aria-live="polite">
            {marks.length === 0 ? t('roster.noChanges') : tn('roster.changes', marks.length)}
          </p>
          <div className="flex gap-2">
            {marks.length > 0 && (
              <Button variant="ghost" onClick={() => setDraft({})} disabled={bulk.isPending}>
                {t('common.reset')}
              </Button>
            )}
            <Button onClick={save} loading={bulk.isPending} disabled={marks.length === 0} data-testid="roster-save">
              {t('roster.save')}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}

function GridRowView({
  sessionId,
  row,
  flags,
  readOnly,
  onStatus,
  onNote,
}: {
  sessionId: string;
  row: GridRow;
  flags: FlaggedCheckIn[];
  readOnly: boolean;
  onStatus: (status: AttendanceStatus) => void;
  onNote: (note: string) => void;
}) {
  const format = useFormat();
  const [showNote, setShowNote] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const { student, record } = row.entry;
  const name = `${student.firstName} ${student.lastName}`;
  const flagged = flags.length > 0 || row.entry.flags > 0;
  return (
    <li
      className={cx('p-3 sm:p-4', flagged && 'bg-amber-50', row.dirty && 'bg-brand-50/60')}
      data-testid="roster-row"
      data-student-id={student.id}
      data-status={record?.status ?? 'unmarked'}
    >
      <div className="flex flex-col gap-3 lg:flex-row lg:items-center">
        <div className="min-w-0 flex-1">
          <p className="font-medium text-slate-900">
            {name} {row.dirty && <span className="ml-1 text-xs font-normal text-brand-800">{t('roster.unsaved')}</span>}
          </p>
          <p className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
            <StatusBadge status={record?.status ?? null} />
            {record && (
              <span>
                {t(`attendance.method.${record.method}` as MessageKey)} · {format.time(record.checkedInAt ?? record.markedAt)}
              </span>
            )}
          </p>
          {flagged && (
            <p className="mt-1 flex items-start gap-1 text-xs font-medium text-amber-900" data-testid="roster-flag">
              <AlertIcon className="size-4 shrink-0" />
              {flags.length > 0
                ? flags.map((flag) => flagText(flag)).join(' · ')
                : t('roster.flagged')}
            </p>
          )}
        </div>
        <fieldset className="grid grid-cols-4 gap-1.5 lg:w-[26rem]" disabled={readOnly}>
          <legend className="sr-only">{t('roster.statusFor', { name })}</legend>
          {STATUSES.map((status) => (
            <label key={status} className="cursor-pointer">
              <input
                type="radio"
                name={`status-${student.id}`}
                value={status}
                checked={row.status === status}
                onChange={() => onStatus(status)}
                className="peer sr-only"
              />
              <span
                className={cx(
                  'flex h-11 items-center justify-center rounded-lg border text-sm font-medium transition-colors peer-focus-visible:ring-2 peer-focus-visible:ring-brand-600 peer-focus-visible:ring-offset-2',
                  row.status === status ? STATUS_SOLID[status] : 'border-slate-300 bg-white text-slate-800 hover:bg-slate-50',
                )}
              >
                {statusLabel(status)}
              </span>
            </label>
          ))}
        </fieldset>
        <div className="flex gap-1 lg:flex-col">
          <Button variant="ghost" size="sm" onClick={() => setShowNote((value) => !value)} aria-expanded={showNote} disabled={readOnly}>
            {row.note ? t('roster.editNote') : t('roster.addNote')}
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setShowHistory((value) => !value)} aria-expanded={showHistory} disabled={!record}>
            {t('roster.history')}
          </Button>
        </div>
      </div>
      {showNote && (
        <label className="mt-3 block">
          <span className="mb-1 block text-sm font-medium text-slate-800">{t('roster.noteFor', { name })}</span>
          <input
            type="text"
            maxLength={500}
            value={row.note}
            onChange={(event) => onNote(event.target.value)}
            className="h-11 w-full rounded-lg border border-slate-300 px-3 text-base shadow-sm sm:text-sm"
          />
          {!row.status && <span className="mt-1 block text-xs text-slate-600">{t('roster.noteNeedsStatus')}</span>}
        </label>
      )}
      {!showNote && row.note && <p className="mt-2 text-sm text-slate-700 italic">“{row.note}”</p>}
      {showHistory && <AuditTrail sessionId={sessionId} studentId={student.id} />}
    </li>
  );
}

function flagText(flag: FlaggedCheckIn): string {
  const other = flag.otherStudent ? `${flag.otherStudent.firstName} ${flag.otherStudent.lastName}` : '';
  return t(`roster.flag.${flag.reason}`, { other });
}

function AuditTrail({ sessionId, studentId }: { sessionId: string; studentId: string }) {
  const audit = useAudit(sessionId, studentId);
  const format = useFormat();
  if (audit.isPending) return <p className="mt-3 text-sm text-slate-600">{t('common.loading')}</p>;
  if (audit.isError) return <p className="mt-3 text-sm text-rose-700">{t('roster.historyFailed')}</p>;
  return (
    <ol className="mt-3 space-y-1 border-l-2 border-slate-200 pl-3 text-sm" aria-label={t('roster.history')}>
      {audit.data.map((entry) => (
        <li key={entry.id} className="text-slate-700">
          <span className="font-medium text-slate-900">
            {entry.fromStatus ? statusLabel(entry.fromStatus) : statusLabel('unmarked')} → {statusLabel(entry.toStatus)}
          </span>{' '}
          · {t(`attendance.method.${entry.method}` as MessageKey)} · {entry.actorName ?? t('roster.system')} · {format.dateTime(entry.at)}
          {entry.note && <span className="block text-slate-600 italic">“{entry.note}”</span>}
        </li>
      ))}
    </ol>
  );
}
