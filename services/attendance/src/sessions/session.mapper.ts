import type { ClassSession, Geofence, SessionPhase, StatusCounts } from '@tec/shared';
import { iso, isoOrNull } from '@tec/shared';

export interface SessionRow {
  id: string;
  course_id: string;
  course_code: string;
  course_title: string;
  series_id: string | null;
  starts_at: Date;
  ends_at: Date;
  topic: string | null;
  status: 'scheduled' | 'cancelled';
  cancelled_reason: string | null;
  checkin_opens_at: Date;
  late_after: Date;
  checkin_closes_at: Date;
  geofence: Geofence | null;
  ip_allow_list: string[];
  qr_secret: Buffer;
  closed_at: Date | null;
  created_by: string | null;
}

export interface CountsRow {
  present: number;
  late: number;
  absent: number;
  excused: number;
  enrolled: number;
}

export function sessionPhase(row: Pick<SessionRow, 'status' | 'checkin_opens_at' | 'checkin_closes_at' | 'closed_at'>, now = new Date()): SessionPhase {
  if (row.status === 'cancelled') return 'cancelled';
  if (row.closed_at || now.getTime() >= row.checkin_closes_at.getTime()) return 'closed';
  if (now.getTime() < row.checkin_opens_at.getTime()) return 'upcoming';
  return 'open';
}

export function toClassSession(row: SessionRow, now = new Date()): ClassSession {
  return {
    id: row.id,
    courseId: row.course_id,
    courseCode: row.course_code,
    courseTitle: row.course_title,
    seriesId: row.series_id,
    startsAt: iso(row.starts_at),
    endsAt: iso(row.ends_at),
    topic: row.topic,
    status: row.status,
    phase: sessionPhase(row, now),
    checkinOpensAt: iso(row.checkin_opens_at),
    lateAfter: iso(row.late_after),
    checkinClosesAt: iso(row.checkin_closes_at),
    geofence: row.geofence,
    ipAllowList: row.ip_allow_list,
    closedAt: isoOrNull(row.closed_at),
    cancelledReason: row.cancelled_reason,
  };
}

/** Students without a record are `unmarked`; a record of a since-dropped student still counts in its status. */
export function toCounts(row: CountsRow | undefined): StatusCounts {
  const counts = { present: row?.present ?? 0, late: row?.late ?? 0, absent: row?.absent ?? 0, excused: row?.excused ?? 0 };
  const enrolled = row?.enrolled ?? 0;
  const marked = counts.present + counts.late + counts.absent + counts.excused;
  return { ...counts, enrolled, unmarked: Math.max(0, enrolled - marked) };
}

export function toEventSession(row: Pick<SessionRow, 'id' | 'starts_at' | 'ends_at' | 'topic'>) {
  return { id: row.id, startsAt: iso(row.starts_at), endsAt: iso(row.ends_at), topic: row.topic };
}
