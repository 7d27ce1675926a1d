import { randomUUID } from 'node:crypto';
import { attendanceRpc, type QrTokenView } from '@tec/shared';
import { issueToken } from '../src/check-in/qr-token';
import { as, bootAttendance, classroom, codeOf, waitFor, type AttendanceTestService, type Classroom } from './attendance-test-kit';

let service: AttendanceTestService;
let room: Classroom;
const MINUTE = 60_000;

beforeAll(async () => {
  service = await bootAttendance();
  room = await classroom(service, 6);
}, 60_000);

afterAll(async () => {
  await service?.close();
});

async function session(startOffsetMinutes: number, extra: Record<string, unknown> = {}) {
  const startsAt = new Date(Date.now() + startOffsetMinutes * MINUTE);
  const created = await service.rpc.call(
    attendanceRpc.sessionsCreate,
    { courseId: room.course.id, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 50 * MINUTE).toISOString(), ...extra },
    as(room.teacher),
  );
  return created.items[0]!;
}

async function qr(sessionId: string): Promise<QrTokenView> {
  return service.rpc.call(attendanceRpc.generateQr, { sessionId }, as(room.teacher));
}

const client = { ip: '10.1.2.3', userAgent: 'jest' };
const checkIn = (studentIndex: number, token: string, extra: Record<string, unknown> = {}) =>
  service.rpc.call(attendanceRpc.checkIn, { token, deviceId: `device-${studentIndex}-${randomUUID()}`, client, ...extra }, as(room.students[studentIndex]!));

describe('rotating QR tokens', () => {
  it('encodes a check-in URL into the web app and checks a student in as present before the late threshold', async () => {
    const open = await session(-1);
    const view = await qr(open.id);
    expect(view.url).toBe(`http://localhost:3000/check-in?t=${view.token}`);
    expect(view.rotationSeconds).toBe(15);
    expect(view.refreshAfterMs).toBeLessThanOrEqual(15_000);
    const result = await checkIn(0, view.token);
    expect(result.record).toMatchObject({ status: 'present', method: 'qr_code', studentId: room.students[0]!.id });
    expect(result.record.checkedInAt).not.toBeNull();
  });

  it('uses the server clock: after the late threshold the same scan is late', async () => {
    const started = await session(-15); // default policy: late after 10 minutes, closes after 30
    const result = await checkIn(1, (await qr(started.id)).token);
    expect(result.record.status).toBe('late');
  });

  it('refuses expired, forged, wrong-session and replayed tokens with clear codes', async () => {
    const open = await session(-1);
    const other = await session(-1);
    const [row] = await service.dataSource.query<{ qr_secret: Buffer }[]>(`SELECT qr_secret FROM "attendance"."sessions" WHERE id = $1`, [open.id]);
    const clock = { rotationSeconds: 15, graceSeconds: 5 };
    // A screenshot from 25 s ago: its window (15 s) and grace (5 s) have both passed.
    const stale = issueToken(service.config.ATTENDANCE_QR_SECRET, open.id, row!.qr_secret, new Date(Date.now() - 25_000), clock);
    expect(await codeOf(checkIn(2, stale.token))).toBe('TOKEN_EXPIRED');

    const forgedKey = issueToken('another-key-another-key-another-key-!!', open.id, row!.qr_secret, new Date(), clock);
    expect(await codeOf(checkIn(3, forgedKey.token))).toBe('TOKEN_INVALID');
    const valid = (await qr(open.id)).token;
    const tampered = `${valid.slice(0, -2)}${valid.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await codeOf(checkIn(3, tampered))).toBe('TOKEN_INVALID');
    // Same signature, other session's id: bound to its session.
    const swapped = `${other.id.replace(/-/g, '')}${valid.slice(32)}`;
    expect(await codeOf(checkIn(3, swapped))).toBe('TOKEN_INVALID');
    expect(await codeOf(checkIn(3, 'not-a-token-at-all'))).toBe('TOKEN_INVALID');
    const future = issueToken(service.config.ATTENDANCE_QR_SECRET, open.id, row!.qr_secret, new Date(Date.now() + 60_000), clock);
    expect(await codeOf(checkIn(3, future.token))).toBe('TOKEN_INVALID');

    // Replayed by the same student: one record, and a clear answer.
    expect(await codeOf(checkIn(3, valid))).toBe('ok');
    expect(await codeOf(checkIn(3, valid))).toBe('ALREADY_CHECKED_IN');
    const records = await service.dataSource.query(`SELECT 1 FROM "attendance"."records" WHERE session_id = $1 AND student_id = $2`, [open.id, room.students[3]!.id]);
    expect(records).toHaveLength(1);
  });

  it('refuses check-in before the window opens, after it closes, for cancelled sessions and for students not enrolled', async () => {
    const later = await session(60);
    expect(await codeOf(qr(later.id))).toBe('ok');
    expect(await codeOf(checkIn(0, (await qr(later.id)).token))).toBe('SESSION_CLOSED');
    const past = await session(-45);
    expect(await codeOf(qr(past.id))).toBe('SESSION_CLOSED');
    const open = await session(-1);
    const token = (await qr(open.id)).token;
    const outsider = await service.core.student();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await codeOf(service.rpc.call(attendanceRpc.checkIn, { token, deviceId: 'outsider-device', client }, as(outsider)))).toBe('NOT_ENROLLED');
    expect(await codeOf(service.rpc.call(attendanceRpc.checkIn, { token, deviceId: 'teacher-device', client }, as(room.teacher)))).toBe('FORBIDDEN');
    await service.rpc.call(attendanceRpc.sessionsCancel, { sessionId: open.id, scope: 'this' }, as(room.teacher));
    expect(await codeOf(checkIn(0, token))).toBe('SESSION_CLOSED');
  });

  it('refuses a student dropped a moment ago even while the roster cache still lists them, writing nothing', async () => {
    const own = await classroom(service, 2);
    const startsAt = new Date(Date.now() - MINUTE);
    const created = await service.rpc.call(
      attendanceRpc.sessionsCreate,
      { courseId: own.course.id, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 50 * MINUTE).toISOString() },
      as(own.teacher),
    );
    const sessionId = created.items[0]!.id;
    const token = (await service.rpc.call(attendanceRpc.generateQr, { sessionId }, as(own.teacher))).token;
    const scan = (student: (typeof own.students)[number]) =>
      service.rpc.call(attendanceRpc.checkIn, { token, deviceId: `device-${randomUUID()}`, client }, as(student));
    // The first scan loads the course roster into the check-in cache (both students enrolled).
    expect(await codeOf(scan(own.students[0]!))).toBe('ok');
    await service.core.drop(own.students[1]!, own.course, randomUUID());
    await waitFor(async () => {
      const rows = await service.dataSource.query(`SELECT 1 FROM "attendance"."enrollments" WHERE course_id = $1 AND student_id = $2 AND active`, [own.course.id, own.students[1]!.id]);
      return rows.length === 0;
    });
    expect(await codeOf(scan(own.students[1]!))).toBe('NOT_ENROLLED');
    const written = await service.dataSource.query(
      `SELECT (SELECT count(*)::int FROM "attendance"."records" WHERE session_id = $1 AND student_id = $2) AS records,
              (SELECT count(*)::int FROM "attendance"."device_claims" WHERE session_id = $1 AND student_id = $2) AS claims`,
      [sessionId, own.students[1]!.id],
    );
    expect(written[0]).toEqual({ records: 0, claims: 0 });
  });

  it('checks the geofence and the IP allow-list, and flags the attempts', async () => {
    const fenced = await session(-1, { geofence: { latitude: 25.6516, longitude: -100.2895, radiusMeters: 100 }, ipAllowList: ['10.0.0.0/8'] });
    const token = (await qr(fenced.id)).token;
    expect(await codeOf(checkIn(0, token))).toBe('OUTSIDE_GEOFENCE'); // no position
    expect(await codeOf(checkIn(0, token, { latitude: 25.66, longitude: -100.2895 }))).toBe('OUTSIDE_GEOFENCE'); // ~930 m
    expect(
      await codeOf(service.rpc.call(attendanceRpc.checkIn, { token, deviceId: 'device-xyz', client: { ip: '192.168.1.5', userAgent: null }, latitude: 25.6516, longitude: -100.2895 }, as(room.students[0]!))),
    ).toBe('NETWORK_NOT_ALLOWED');
    expect(await codeOf(checkIn(0, token, { latitude: 25.6519, longitude: -100.2897, accuracyMeters: 20 }))).toBe('ok');
    const flags = await service.rpc.call(attendanceRpc.flaggedList, { sessionId: fenced.id }, as(room.teacher));
    expect(flags.items.map((flag) => flag.reason).sort()).toEqual(['network_not_allowed', 'outside_geofence']);
  });

  it('lets one device check in one student per session and flags the second attempt for the teacher', async () => {
    const open = await session(-1);
    const token = (await qr(open.id)).token;
    const deviceId = `shared-phone-${randomUUID()}`;
    await service.rpc.call(attendanceRpc.checkIn, { token, deviceId, client }, as(room.students[4]!));
    expect(await codeOf(service.rpc.call(attendanceRpc.checkIn, { token, deviceId, client }, as(room.students[5]!)))).toBe('DEVICE_ALREADY_USED');
    const flags = await service.rpc.call(attendanceRpc.flaggedList, { sessionId: open.id }, as(room.teacher));
    expect(flags.items).toEqual([expect.objectContaining({ reason: 'device_reused', student: expect.objectContaining({ id: room.students[5]!.id }), otherStudent: expect.objectContaining({ id: room.students[4]!.id }) })]);
    const roster = await service.rpc.call(attendanceRpc.sessionRoster, { sessionId: open.id }, as(room.teacher));
    expect(roster.items.find((entry) => entry.student.id === room.students[5]!.id)).toMatchObject({ record: null, flags: 1 });
  });
});
