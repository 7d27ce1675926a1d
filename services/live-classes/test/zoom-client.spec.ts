import { ZoomClient } from '../src/providers/zoom/zoom-client';
import { ZoomProvider } from '../src/providers/zoom/zoom.provider';
import { ZoomFake } from './support/zoom-fake';

let fake: ZoomFake;

beforeAll(async () => {
  fake = await new ZoomFake().start();
});

afterAll(async () => {
  await fake.stop();
});

function client(now: () => number = Date.now, overrides: Partial<ConstructorParameters<typeof ZoomClient>[0]> = {}) {
  return new ZoomClient(
    {
      ...fake.credentials,
      apiBaseUrl: `${fake.url}/v2`,
      oauthBaseUrl: fake.url,
      timeoutMs: 300,
      maxRetries: 3,
      retryBaseMs: 10,
      ...overrides,
    },
    now,
  );
}

const spec = {
  classId: '00000000-0000-4000-8000-000000000001',
  topic: 'MATH-12A · Limits',
  agenda: 'Chapter 3',
  startsAt: new Date('2026-12-01T15:00:00Z'),
  endsAt: new Date('2026-12-01T16:30:00Z'),
  timezone: 'America/Monterrey',
  recordingEnabled: true,
};

describe('Zoom Server-to-Server OAuth', () => {
  it('fetches one token with Basic auth and reuses it until shortly before expiry', async () => {
    let clock = Date.now();
    const zoom = client(() => clock);
    const before = fake.tokensIssued.length;
    const [a, b, c] = await Promise.all([zoom.accessToken(), zoom.accessToken(), zoom.accessToken()]);
    expect(new Set([a, b, c]).size).toBe(1);
    expect(fake.tokensIssued.length - before).toBe(1);
    clock += 58 * 60_000; // 58 minutes: still valid with the one-minute margin
    expect(await zoom.accessToken()).toBe(a);
    clock += 90_000; // within the last minute of the hour: refreshed
    const refreshed = await zoom.accessToken();
    expect(refreshed).not.toBe(a);
    expect(fake.tokensIssued.length - before).toBe(2);
    expect(zoom.tokenFetches).toBe(2);
  });

  it('refuses wrong credentials with Zoom’s invalid_client', async () => {
    await expect(client(Date.now, { clientSecret: 'wrong' }).accessToken()).rejects.toThrow(/Invalid client_id or client_secret/);
  });

  it('gets a new token once when Zoom answers 401 (revoked token)', async () => {
    const zoom = client();
    await zoom.accessToken();
    fake.revokeTokens();
    const provider = new ZoomProvider(zoom, 'me');
    const meeting = await provider.createMeeting(spec);
    expect(meeting.meetingId).toMatch(/^\d+$/);
    expect(zoom.tokenFetches).toBe(2);
  });
});

describe('Zoom meetings over REST v2', () => {
  it('creates a meeting with waiting room, no join before host and cloud recording, then updates and deletes it', async () => {
    const provider = new ZoomProvider(client(), 'me');
    const created = await provider.createMeeting(spec);
    const stored = fake.meetings.get(created.meetingId)!;
    expect(stored.host_id).toBe('me');
    expect(stored).toMatchObject({ topic: 'MATH-12A · Limits', type: 2, start_time: '2026-12-01T15:00:00Z', duration: 90, timezone: 'America/Monterrey', agenda: 'Chapter 3' });
    expect(stored.settings).toMatchObject({ waiting_room: true, join_before_host: false, auto_recording: 'cloud', approval_type: 0 });
    expect(created.joinUrl).toBe(stored.join_url);

    await provider.updateMeeting({ classId: spec.classId, meetingId: created.meetingId }, { ...spec, topic: 'MATH-12A · Derivatives', endsAt: new Date('2026-12-01T16:00:00Z'), recordingEnabled: false });
    expect(fake.meetings.get(created.meetingId)).toMatchObject({ topic: 'MATH-12A · Derivatives', duration: 60 });
    expect(fake.meetings.get(created.meetingId)!.settings.auto_recording).toBe('none');

    const host = await provider.hostLink({ classId: spec.classId, meetingId: created.meetingId });
    expect(host).toMatch(/zak=/);

    await provider.deleteMeeting({ classId: spec.classId, meetingId: created.meetingId });
    expect(fake.meetings.has(created.meetingId)).toBe(false);
    // Deleting again is fine (Zoom answers 404 / 3001).
    await provider.deleteMeeting({ classId: spec.classId, meetingId: created.meetingId });
  });

  it('registers a participant once and returns a personal join link with the registrant id', async () => {
    const provider = new ZoomProvider(client(), 'me');
    const created = await provider.createMeeting(spec);
    const ana = { id: 'x', firstName: 'Ana', lastName: 'López', email: 'ana@school.example' };
    const first = await provider.attendeeLink({ classId: spec.classId, meetingId: created.meetingId }, ana);
    const again = await provider.attendeeLink({ classId: spec.classId, meetingId: created.meetingId }, ana);
    expect(first.registrantId).toBeTruthy();
    expect(first.url).toContain(`tk=${first.registrantId}`);
    expect(again).toEqual(first);
  });

  it('retries 429 (honouring Retry-After) and 500, and gives up after the retries', async () => {
    const zoom = client();
    await zoom.accessToken();
    const provider = new ZoomProvider(zoom, 'me');
    fake.queue({ status: 429, headers: { 'retry-after': '0' }, body: { code: 429, message: 'Too many requests' } }, { status: 500 });
    const created = await provider.createMeeting(spec);
    expect(fake.meetings.has(created.meetingId)).toBe(true);

    fake.queue({ status: 500 }, { status: 502 }, { status: 503 }, { status: 500 });
    await expect(provider.createMeeting(spec)).rejects.toThrow(/failed with 500/);
  });

  it('retries a timeout and then succeeds', async () => {
    const zoom = client();
    await zoom.accessToken();
    fake.queue({ status: 201, delayMs: 800, body: { id: 1 } });
    const created = await new ZoomProvider(zoom, 'me').createMeeting(spec);
    expect(fake.meetings.has(created.meetingId)).toBe(true);
  });
});
