import type { AttendanceStatus } from '@tec/shared/contracts';
import { type MessageKey, t } from '../../../i18n';
import { Badge, type BadgeTone } from '../../../ui/badge';

export const STATUSES: readonly AttendanceStatus[] = ['present', 'late', 'absent', 'excused'];

export const STATUS_TONE: Record<AttendanceStatus, BadgeTone> = { present: 'success', late: 'warning', absent: 'danger', excused: 'info' };

/** Fill colours for charts and the grid's chosen button (each with white or dark text at ≥ 4.5:1). */
export const STATUS_SOLID: Record<AttendanceStatus, string> = {
  present: 'bg-emerald-700 text-white border-emerald-700',
  late: 'bg-amber-400 text-slate-950 border-amber-500',
  absent: 'bg-rose-700 text-white border-rose-700',
  excused: 'bg-sky-700 text-white border-sky-700',
};
export const STATUS_FILL: Record<AttendanceStatus, string> = { present: '#047857', late: '#f59e0b', absent: '#be123c', excused: '#0369a1' };

export function statusLabel(status: AttendanceStatus | 'unmarked'): string {
  return t(`attendance.status.${status}` as MessageKey);
}

export function StatusBadge({ status }: { status: AttendanceStatus | null }) {
  if (!status) return <Badge tone="neutral">{statusLabel('unmarked')}</Badge>;
  return <Badge tone={STATUS_TONE[status]}>{statusLabel(status)}</Badge>;
}

export function isAttendanceStatus(value: unknown): value is AttendanceStatus {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}
