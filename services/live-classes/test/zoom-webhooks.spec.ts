import { createHmac } from 'node:crypto';
import { liveClassesRpc, webhookRoutes, type UserProfile } from '@tec/shared';
import { as, bootLiveClasses, classroom, codeOf, MINUTE, outboxPayloads, slot, waitFor, type LiveClassesTestService } from './live-classes-test-kit';
import { ZoomFake } from './support/zoom-fake';

let service: LiveClassesTestService;
let zoom: ZoomFake;
const gateway = { kind: 'service', service: 'gateway-webhooks' } as const;

beforeAll(async () => {
  zoom = await new ZoomFake().start();
  service = await bootLiveClasses({ ...zoom.env(), LIVE_CLASSES_JOIN_WINDOW_MINUTES: '15' });
}, 60_000);

afterAll(async () => {
  await service?.close();
  await zoom?.stop();
});

/** What the gateway's webhook intake sends the service for a request Zoom made. */
function deliver(webhook: { body: string; headers: Record<string, string> }) {
  return service.rpc.call(
    webhookRoutes.zoom,
    { provider: 'zoom', headers: webhook.headers, rawBodyBase64: Buffer.from(webhook.body).toString('base64'), receivedAt: new Date().toISOString() },
    gateway,
  );
}

async function zoomClass(room: { teacher: UserProfile; course: { id: string } }, offsetMinutes = 5, duration = 60) {
  const created = await service.rpc.call(liveClassesRpc.classesCreate, { courseId: room.course.id, name: 'Zoom class', ...slot(offsetMinutes, duration) }, as(room.teacher));
  const item = created.items[0]!;
  const [row] = await service.dataSource.query<{ meeting_id: string }[]>(`SELECT meeting_id FROM "live_classes"."classes" WHERE id = $1`, [item.id]);
  return { item, meetingId: row!.meeting_id };
}

describe('Zoom webhook security', () => {
  it('answers the url_validation challenge with the HMAC of the plain token', async () => {
    const ack = await deliver(zoom.urlValidation('qgg8vlvZRS6UYooatFL8Aw'));
    expect(ack).toEqual({
      status: 200,
      body: { plainToken: 'qgg8vlvZRS6UYooatFL8Aw', encryptedToken: createHmac('sha256', zoom.webhookSecret).update('qgg8vlvZRS6UYooatFL8Aw').digest('hex') },
    });
  });

  it('refuses forged, unsigned and stale deliveries, and stores nothing for them', async () => {
    const forged = zoom.signedWebhook('meeting.started', { id: '1' }, { secret: 'not-the-secret' });
    expect((await deliver(forged)).status).toBe(401);
    const unsigned = zoom.signedWebhook('meeting.started', { id: '1' });
    delete unsigned.headers['x-zm-signature'];
    expect((await deliver(unsigned)).status).toBe(401);
    const stale = zoom.signedWebhook('meeting.started', { id: '1' }, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect((await deliver(stale)).status).toBe(401);
    const tampered = zoom.signedWebhook('meeting.started', { id: '1' });
    expect((await deliver({ ...tampered, body: tampered.body.replace('"1"', '"2"') })).status).toBe(401);
    expect(await codeOf(service.rpc.call(webhookRoutes.zoom, { provider: 'zoom', headers: {}, rawBodyBase64: '', receivedAt: new Date().toISOString() }, as({ id: '00000000-0000-4000-8000-000000000000', role: 'admin' })))).toBe('FORBIDDEN');
    const [{ count }] = await service.dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM "live_classes"."webhook_events"`);
    expect(count).toBe(0);
  });
});

describe('a Zoom class from schedule to attendance', () => {
  it('creates the meeting, matches joins by registrant, drops duplicate deliveries, and publishes attendance and the recording', async () => {
    const room = await classroom(service, 3);
    const [ana, ben, cai] = room.students as [UserProfile, UserProfile, UserProfile];
    const { item, meetingId } = await zoomClass(room, 5, 60);
    expect(zoom.meetings.get(meetingId)!.settings).toMatchObject({ waiting_room: true, join_before_host: false, auto_recording: 'cloud' });

    // Editing the class patches the Zoom meeting.
    await service.rpc.call(liveClassesRpc.classesUpdate, { classId: item.id, name: 'Zoom class (moved topic)' }, as(room.teacher));
    expect(zoom.meetings.get(meetingId)!.topic).toContain('Zoom class (moved topic)');

    const anaLink = await service.rpc.call(liveClassesRpc.classJoin, { classId: item.id }, as(ana));
    const benLink = await service.rpc.call(liveClassesRpc.classJoin, { classId: item.id }, as(ben));
    const hostLink = await service.rpc.call(liveClassesRpc.classJoin, { classId: item.id }, as(room.teacher));
    expect(hostLink.url).toMatch(/zak=/);
    const registrantOf = (url: string) => new URL(url).searchParams.get('tk')!;
    expect(anaLink.url).not.toBe(benLink.url);

    const start = Date.parse(item.startsAt);
    const at = (minutes: number) => new Date(start + minutes * MINUTE).toISOString();
    const participant = (registrantId: string | undefined, uuid: string, time: Record<string, string>, email?: string) => ({
      id: meetingId,
      uuid: zoom.meetings.get(meetingId)!.uuid,
      participant: { user_id: '16778240', user_name: 'Someone', participant_uuid: uuid, registrant_id: registrantId, email, ...time },
    });

    const started = zoom.signedWebhook('meeting.started', { id: meetingId, start_time: at(-2) });
    expect(await deliver(started)).toMatchObject({ status: 200, body: { received: true, duplicate: false } });
    // Zoom retries a delivery it thinks failed: same body, dropped.
    expect(await deliver(started)).toMatchObject({ status: 200, body: { duplicate: true } });

    const events = [
      // Ana waits 3 minutes in the waiting room, is in for 20, drops, rejoins for the rest and stays after the end.
      zoom.signedWebhook('meeting.participant_joined_waiting_room', participant(registrantOf(anaLink.url), 'ana-1', { join_time: at(-3) })),
      zoom.signedWebhook('meeting.participant_admitted', participant(registrantOf(anaLink.url), 'ana-1', { leave_time: at(0), date_time: at(0) })),
      zoom.signedWebhook('meeting.participant_joined', participant(registrantOf(anaLink.url), 'ana-1', { join_time: at(0) })),
      zoom.signedWebhook('meeting.participant_left', participant(registrantOf(anaLink.url), 'ana-1', { leave_time: at(20) })),
      zoom.signedWebhook('meeting.participant_joined', participant(registrantOf(anaLink.url), 'ana-2', { join_time: at(25) })),
      zoom.signedWebhook('meeting.participant_left', participant(registrantOf(anaLink.url), 'ana-2', { leave_time: at(70) })),
      // Ben joins 15 minutes late, through a link without registrant (matched by email).
      zoom.signedWebhook('meeting.participant_joined', participant(undefined, 'ben-1', { join_time: at(15) }, ben.email)),
      zoom.signedWebhook('meeting.participant_left', participant(undefined, 'ben-1', { leave_time: at(45) }, ben.email)),
    ];
    for (const event of events) expect((await deliver(event)).status).toBe(200);
    expect((await deliver(events[2]!)).body).toMatchObject({ duplicate: true });

    await waitFor(async () => {
      const [row] = await service.dataSource.query<{ pending: number }[]>(`SELECT count(*)::int AS pending FROM "live_classes"."webhook_events" WHERE processed_at IS NULL`);
      return row!.pending === 0;
    });
    expect((await service.rpc.call(liveClassesRpc.classGet, { classId: item.id }, as(ana))).status).toBe('in_progress');

    expect((await deliver(zoom.signedWebhook('meeting.ended', { id: meetingId, end_time: at(62) }))).status).toBe(200);
    await service.webhooks.drain();
    expect((await service.rpc.call(liveClassesRpc.classGet, { classId: item.id }, as(ana))).status).toBe('completed');
    await service.job.runOnce(new Date(Date.now() + 1000));

    const computed = (await outboxPayloads<{ class: { id: string }; results: { student: { id: string }; minutesAttended: number; firstJoinedAt: string | null }[]; revision: number }>(
      service,
      'live_classes.v1.attendance_computed',
    )).filter((payload) => payload.class.id === item.id);
    expect(computed).toHaveLength(1);
    const minutes = new Map(computed[0]!.results.map((result) => [result.student.id, result]));
    expect(minutes.get(ana.id)!.minutesAttended).toBe(55); // 0–20 and 25–60 (clipped), waiting room excluded
    expect(minutes.get(ana.id)!.firstJoinedAt).toBe(at(0));
    expect(minutes.get(ben.id)!.minutesAttended).toBe(30);
    expect(minutes.get(cai.id)).toMatchObject({ minutesAttended: 0, firstJoinedAt: null });

    // A late leave event after the computation yields a new revision.
    await deliver(zoom.signedWebhook('meeting.participant_joined', participant(undefined, 'cai-1', { join_time: at(50) }, cai.email)));
    await deliver(zoom.signedWebhook('meeting.participant_left', participant(undefined, 'cai-1', { leave_time: at(55) }, cai.email)));
    await service.webhooks.drain();
    await service.job.runOnce(new Date(Date.now() + 1000));
    const revisions = (await outboxPayloads<{ class: { id: string }; revision: number; results: { student: { id: string }; minutesAttended: number }[] }>(service, 'live_classes.v1.attendance_computed')).filter(
      (payload) => payload.class.id === item.id,
    );
    expect(revisions.map((payload) => payload.revision)).toEqual([1, 2]);
    expect(revisions[1]!.results.find((result) => result.student.id === cai.id)!.minutesAttended).toBe(5);

    // recording.completed stores the recording once and tells the course.
    const recording = zoom.signedWebhook(
      'recording.completed',
      {
        id: meetingId,
        uuid: 'rec-uuid-1==',
        duration: 62,
        share_url: 'https://fake.zoom.us/rec/share/abc',
        recording_files: [{ id: 'f1', file_type: 'MP4', recording_type: 'shared_screen_with_speaker_view', play_url: 'https://fake.zoom.us/rec/play/abc', download_url: 'https://fake.zoom.us/rec/download/abc', file_size: 1234, recording_start: at(0), recording_end: at(62) }],
      },
      { extra: { download_token: 'secret-download-token' } },
    );
    await deliver(recording);
    await deliver(zoom.signedWebhook('recording.completed', { id: meetingId, uuid: 'rec-uuid-1==', share_url: 'https://fake.zoom.us/rec/share/abc', recording_files: [] }, { eventTs: Date.now() + 5 }));
    await service.webhooks.drain();
    const recordings = await service.rpc.call(liveClassesRpc.recordingsList, { courseId: room.course.id }, as(cai));
    expect(recordings.items).toHaveLength(1);
    expect(recordings.items[0]).toMatchObject({ classId: item.id, playUrl: 'https://fake.zoom.us/rec/share/abc', durationMinutes: 62 });
    expect(JSON.stringify(recordings.items[0])).not.toContain('download');
    const ready = (await outboxPayloads<{ class: { id: string }; students: unknown[] }>(service, 'live_classes.v1.recording_ready')).filter((payload) => payload.class.id === item.id);
    expect(ready).toHaveLength(1);
    expect(ready[0]!.students).toHaveLength(3);
  }, 60_000);

  it('offers Zoom once it is configured', async () => {
    const room = await classroom(service, 0);
    expect(await service.rpc.call(liveClassesRpc.providersInfo, {}, as(room.teacher))).toEqual({ default: 'zoom', available: ['zoom', 'jitsi', 'development'] });
  });

  it('a Zoom class whose webhooks never came is completed by the clock and counts join clicks, not everyone absent', async () => {
    const room = await classroom(service, 2);
    const [clicked, away] = room.students as [UserProfile, UserProfile];
    const { item } = await zoomClass(room, 3, 30);
    await service.rpc.call(liveClassesRpc.classJoin, { classId: item.id }, as(clicked));
    // Before the grace period nothing changes; after it, the clock completes the class.
    await service.job.runOnce(new Date(Date.parse(item.endsAt) + 5 * MINUTE));
    expect((await service.rpc.call(liveClassesRpc.classGet, { classId: item.id }, as(room.teacher))).status).toBe('scheduled');
    await service.job.runOnce(new Date(Date.parse(item.endsAt) + 31 * MINUTE));
    expect((await service.rpc.call(liveClassesRpc.classGet, { classId: item.id }, as(room.teacher))).status).toBe('completed');
    await service.job.runOnce(new Date(Date.now() + 60 * MINUTE));
    const [computed] = (await outboxPayloads<{ class: { id: string }; results: { student: { id: string }; attendedRatio: number }[] }>(service, 'live_classes.v1.attendance_computed')).filter(
      (payload) => payload.class.id === item.id,
    );
    const ratio = new Map(computed!.results.map((result) => [result.student.id, result.attendedRatio]));
    expect(ratio.get(clicked.id)).toBe(1);
    expect(ratio.get(away.id)).toBe(0);
    const ended = (await outboxPayloads<{ class: { id: string }; source: string }>(service, 'live_classes.v1.ended')).find((payload) => payload.class.id === item.id);
    expect(ended!.source).toBe('clock');
  });

  it('cancelling a class deletes its Zoom meeting', async () => {
    const room = await classroom(service, 0);
    const { item, meetingId } = await zoomClass(room, 3 * 24 * 60);
    expect(zoom.meetings.has(meetingId)).toBe(true);
    await service.rpc.call(liveClassesRpc.classesCancel, { classId: item.id }, as(room.teacher));
    expect(zoom.meetings.has(meetingId)).toBe(false);
  });

  it('a class whose Zoom call failed gets its meeting from the lifecycle job', async () => {
    const room = await classroom(service, 0);
    zoom.queue({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    const created = await service.rpc.call(liveClassesRpc.classesCreate, { courseId: room.course.id, name: 'Retry me', ...slot(4 * 24 * 60) }, as(room.teacher));
    const id = created.items[0]!.id;
    const meetingOf = async () => (await service.dataSource.query<{ meeting_id: string | null }[]>(`SELECT meeting_id FROM "live_classes"."classes" WHERE id = $1`, [id]))[0]!.meeting_id;
    expect(await meetingOf()).toBeNull();
    await service.job.runOnce(new Date(Date.now() + 10_000));
    const meetingId = await meetingOf();
    expect(meetingId).not.toBeNull();
    expect(zoom.meetings.has(meetingId!)).toBe(true);
  });
});
