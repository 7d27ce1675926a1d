import { DevelopmentProvider } from './development.provider';
import { JitsiProvider } from './jitsi.provider';

const spec = {
  classId: '4f0c6d5e-8a8c-4a43-9d59-0f1b2c3d4e5f',
  topic: 'MATH · Limits',
  agenda: null,
  startsAt: new Date('2026-12-01T15:00:00Z'),
  endsAt: new Date('2026-12-01T16:00:00Z'),
  timezone: 'UTC',
  recordingEnabled: false,
};
const ana = { id: 'a', firstName: 'Ana', lastName: 'López', email: 'ana@school.example' };

describe('Jitsi provider', () => {
  it('names rooms by an HMAC of the class id: stable, unguessable without the secret, not the id itself', async () => {
    const jitsi = new JitsiProvider('https://meet.school.example/', 'a-long-room-secret-of-at-least-32-chars');
    const meeting = await jitsi.createMeeting(spec);
    expect(meeting.meetingId).toMatch(/^TecLms-[0-9a-f]{24}$/);
    expect(meeting.meetingId).not.toContain(spec.classId.slice(0, 8));
    expect((await jitsi.createMeeting(spec)).meetingId).toBe(meeting.meetingId);
    expect((await new JitsiProvider('https://meet.school.example', 'another-secret-of-at-least-32-characters').createMeeting(spec)).meetingId).not.toBe(meeting.meetingId);
    expect(meeting.joinUrl).toBe(`https://meet.school.example/${meeting.meetingId}`);
  });

  it('puts the display name in the URL fragment (never sent to the server) and mutes attendees’ video', async () => {
    const jitsi = new JitsiProvider('https://meet.school.example', 'a-long-room-secret-of-at-least-32-chars');
    const meeting = await jitsi.createMeeting(spec);
    const link = await jitsi.attendeeLink({ classId: spec.classId, meetingId: meeting.meetingId }, ana);
    const url = new URL(link.url);
    expect(url.pathname).toBe(`/${meeting.meetingId}`);
    expect(decodeURIComponent(url.hash)).toContain('userInfo.displayName="Ana López"');
    expect(url.hash).toContain('config.startWithVideoMuted=true');
    expect(link.registrantId).toBeNull();
    expect(await jitsi.hostLink({ classId: spec.classId, meetingId: meeting.meetingId }, ana)).toContain('config.startWithVideoMuted=false');
  });
});

describe('development provider', () => {
  it('links to the app’s room page with the role', async () => {
    const dev = new DevelopmentProvider('http://localhost:3000');
    const meeting = await dev.createMeeting(spec);
    expect(meeting.joinUrl).toBe(`http://localhost:3000/live-classes/${spec.classId}/room`);
    const link = await dev.attendeeLink({ classId: spec.classId, meetingId: meeting.meetingId }, ana);
    expect(link.url).toBe(`http://localhost:3000/live-classes/${spec.classId}/room?role=attendee&name=Ana%20L%C3%B3pez`);
    expect(await dev.hostLink({ classId: spec.classId, meetingId: meeting.meetingId }, ana)).toContain('role=host');
  });
});
