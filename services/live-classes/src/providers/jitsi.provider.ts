import { createHmac } from 'node:crypto';
import type { CreatedMeeting, MeetingProvider, MeetingRef, MeetingSpec, Person } from './meeting-provider';

/**
 * Jitsi Meet room links, for schools without a Zoom account. Rooms exist while someone is in them, so create,
 * update and delete are local; the room name is an HMAC of the class id, unguessable from outside.
 */
export class JitsiProvider implements MeetingProvider {
  readonly name = 'jitsi' as const;
  readonly hasWebhooks = false;

  constructor(
    private readonly baseUrl: string,
    private readonly roomSecret: string,
  ) {}

  private room(classId: string): string {
    return `TecLms-${createHmac('sha256', this.roomSecret).update(classId).digest('hex').slice(0, 24)}`;
  }

  private url(room: string, person: Person, moderator: boolean): string {
    const name = encodeURIComponent(JSON.stringify(`${person.firstName} ${person.lastName}`));
    const base = this.baseUrl.replace(/\/$/, '');
    return `${base}/${room}#userInfo.displayName=${name}&config.prejoinPageEnabled=true&config.startWithVideoMuted=${moderator ? 'false' : 'true'}`;
  }

  async createMeeting(spec: MeetingSpec): Promise<CreatedMeeting> {
    const room = this.room(spec.classId);
    const base = this.baseUrl.replace(/\/$/, '');
    return { meetingId: room, meetingUuid: null, joinUrl: `${base}/${room}`, startUrl: `${base}/${room}`, password: null };
  }

  async updateMeeting(): Promise<void> {}

  async deleteMeeting(): Promise<void> {}

  async attendeeLink(meeting: MeetingRef, person: Person): Promise<{ url: string; registrantId: string | null }> {
    return { url: this.url(meeting.meetingId ?? this.room(meeting.classId), person, false), registrantId: null };
  }

  async hostLink(meeting: MeetingRef, person: Person): Promise<string> {
    return this.url(meeting.meetingId ?? this.room(meeting.classId), person, true);
  }
}
