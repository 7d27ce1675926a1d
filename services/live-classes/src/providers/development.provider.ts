import type { CreatedMeeting, MeetingProvider, MeetingRef, MeetingSpec, Person } from './meeting-provider';

/** Local links for development and demos: no outside service, the web app shows a placeholder room. */
export class DevelopmentProvider implements MeetingProvider {
  readonly name = 'development' as const;
  readonly hasWebhooks = false;

  constructor(private readonly appUrl: string) {}

  private url(classId: string, person: Person, role: 'host' | 'attendee'): string {
    const base = this.appUrl.replace(/\/$/, '');
    return `${base}/live-classes/${classId}/room?role=${role}&name=${encodeURIComponent(`${person.firstName} ${person.lastName}`)}`;
  }

  async createMeeting(spec: MeetingSpec): Promise<CreatedMeeting> {
    const base = this.appUrl.replace(/\/$/, '');
    return { meetingId: `dev-${spec.classId}`, meetingUuid: null, joinUrl: `${base}/live-classes/${spec.classId}/room`, startUrl: `${base}/live-classes/${spec.classId}/room?role=host`, password: null };
  }

  async updateMeeting(): Promise<void> {}

  async deleteMeeting(): Promise<void> {}

  async attendeeLink(meeting: MeetingRef, person: Person): Promise<{ url: string; registrantId: string | null }> {
    return { url: this.url(meeting.classId, person, 'attendee'), registrantId: null };
  }

  async hostLink(meeting: MeetingRef, person: Person): Promise<string> {
    return this.url(meeting.classId, person, 'host');
  }
}
