import type { AttendanceStatus, RosterEntry } from '@tec/shared/contracts';

/**
 * The roster grid's unsaved edits, on top of the server's roster (which live pushes keep current). Edits are kept
 * per student until "Save" sends them in one atomic bulk mark; a push that brings a student to the edited state
 * drops the edit, one that brings something else leaves the teacher's edit in place (they see both).
 */
export interface DraftMark {
  status?: AttendanceStatus;
  note?: string;
}
export type Draft = Readonly<Record<string, DraftMark>>;

export interface GridRow {
  entry: RosterEntry;
  /** What the grid shows: the edit if any, else the saved record. */
  status: AttendanceStatus | null;
  note: string;
  /** The edit differs from what is saved. */
  dirty: boolean;
}

function savedNote(entry: RosterEntry): string {
  return entry.record?.note ?? '';
}

export function gridRows(entries: readonly RosterEntry[], draft: Draft): GridRow[] {
  return entries.map((entry) => {
    const edit = draft[entry.student.id];
    const status = edit?.status ?? entry.record?.status ?? null;
    const note = edit?.note ?? savedNote(entry);
    const dirty = Boolean(edit) && status !== null && (status !== (entry.record?.status ?? null) || note !== savedNote(entry));
    return { entry, status, note, dirty };
  });
}

export function setStatus(draft: Draft, studentId: string, status: AttendanceStatus): Draft {
  return { ...draft, [studentId]: { ...draft[studentId], status } };
}

export function setNote(draft: Draft, studentId: string, note: string): Draft {
  return { ...draft, [studentId]: { ...draft[studentId], note } };
}

/**
 * "Mark all present": every student without a record or an edit gets `status`. Students who checked in, or whom the
 * teacher already marked, keep theirs; the teacher then changes the exceptions one by one.
 */
export function markAllUnmarked(entries: readonly RosterEntry[], draft: Draft, status: AttendanceStatus): Draft {
  const next: Record<string, DraftMark> = { ...draft };
  for (const entry of entries) {
    if (entry.record || next[entry.student.id]?.status) continue;
    next[entry.student.id] = { ...next[entry.student.id], status };
  }
  return next;
}

/** The bulk request's marks: only real changes, each with its status (a note alone needs the status it annotates). */
export function draftToMarks(entries: readonly RosterEntry[], draft: Draft): Array<{ studentId: string; status: AttendanceStatus; note?: string }> {
  return gridRows(entries, draft)
    .filter((row) => row.dirty && row.status)
    .map((row) => ({
      studentId: row.entry.student.id,
      status: row.status as AttendanceStatus,
      ...(row.note.trim() ? { note: row.note.trim() } : {}),
    }));
}

/** Drops edits the server now agrees with (after a save or a push), and edits of students no longer listed. */
export function pruneDraft(entries: readonly RosterEntry[], draft: Draft): Draft {
  const next: Record<string, DraftMark> = {};
  const dirty = new Set(gridRows(entries, draft).filter((row) => row.dirty).map((row) => row.entry.student.id));
  for (const [studentId, edit] of Object.entries(draft)) {
    if (dirty.has(studentId)) next[studentId] = edit;
    // A note typed before choosing a status is kept until a status is chosen.
    else if (!edit.status && edit.note && entries.some((entry) => entry.student.id === studentId && !entry.record)) next[studentId] = edit;
  }
  return next;
}

export interface RecordPush {
  student: { id: string };
  record: {
    id: string;
    status: AttendanceStatus;
    method: string;
    markedAt: string;
    checkedInAt: string | null;
    note: string | null;
  };
}

/** A live `attendance_record` applied to the roster (unknown students are ignored: the next refetch lists them). */
export function applyRecordPush<T extends { items: RosterEntry[] }>(roster: T, push: RecordPush): T {
  let found = false;
  const items = roster.items.map((entry) => {
    if (entry.student.id !== push.student.id) return entry;
    found = true;
    const base = entry.record;
    const record: RosterEntry['record'] = {
      sessionId: base?.sessionId ?? '',
      courseId: base?.courseId ?? '',
      studentId: push.student.id,
      markedBy: base?.markedBy ?? null,
      sessionStartsAt: base?.sessionStartsAt ?? '',
      ...push.record,
      method: push.record.method as NonNullable<RosterEntry['record']>['method'],
    };
    return { ...entry, record };
  });
  return found ? { ...roster, items } : roster;
}

/** Counts as the grid shows them (edits included), for the summary above it. */
export function tally(rows: readonly GridRow[]): Record<AttendanceStatus | 'unmarked', number> {
  const counts = { present: 0, late: 0, absent: 0, excused: 0, unmarked: 0 };
  for (const row of rows) counts[row.status ?? 'unmarked'] += 1;
  return counts;
}
