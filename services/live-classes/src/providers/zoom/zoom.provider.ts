import { DomainError } from '@tec/shared';
import type { CreatedMeeting, MeetingProvider, MeetingRef, MeetingSpec, Person } from '../meeting-provider';
import { ZoomApiError, type ZoomClient } from './zoom-client';

interface ZoomMeeting {
  id: number;
  uuid: string;
  join_url: string;
  start_url: string;
  password?: string;
}

interface ZoomRegistrant {
  id: number;
  registrant_id: string;
  join_url: string;
}

/** Zoom's `start_time` format: UTC with seconds, no milliseconds. */
function zoomTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Zoom meetings through REST v2: one scheduled meeting (type 2) per class, with registration on so every
 * participant gets a personal join link (their registrant id comes back in join webhooks), a waiting room,
 * join-before-host off and cloud auto-recording when the class is recorded.
 */
export class ZoomProvider implements MeetingProvider {
  readonly name = 'zoom' as const;
  readonly hasWebhooks = true;

  constructor(
    private readonly client: ZoomClient,
    private readonly hostUser: string,
  ) {}

  private body(spec: MeetingSpec) {
    return {
      topic: spec.topic.slice(0, 200),
      type: 2,
      start_time: zoomTime(spec.startsAt),
      duration: Math.max(1, Math.round((spec.endsAt.getTime() - spec.startsAt.getTime()) / 60_000)),
      timezone: spec.timezone,
      agenda: (spec.agenda ?? '').slice(0, 2000),
      settings: {
        waiting_room: true,
        join_before_host: false,
        mute_upon_entry: true,
        approval_type: 0,
        registration_type: 1,
        registrants_email_notification: false,
        registrants_confirmation_email: false,
        auto_recording: spec.recordingEnabled ? 'cloud' : 'none',
      },
    };
  }

  async createMeeting(spec: MeetingSpec): Promise<CreatedMeeting> {
    const meeting = await this.client.request<ZoomMeeting>('POST', `/users/${encodeURIComponent(this.hostUser)}/meetings`, this.body(spec));
    return { meetingId: String(meeting.id), meetingUuid: meeting.uuid, joinUrl: meeting.join_url, startUrl: meeting.start_url, password: meeting.password ?? null };
  }

  async updateMeeting(meeting: MeetingRef, spec: MeetingSpec): Promise<void> {
    await this.client.request('PATCH', `/meetings/${this.id(meeting)}`, this.body(spec));
  }

  async deleteMeeting(meeting: MeetingRef): Promise<void> {
    if (!meeting.meetingId) return;
    try {
      await this.client.request('DELETE', `/meetings/${this.id(meeting)}?schedule_for_reminder=false`);
    } catch (error) {
      // 404 / 3001: already deleted (or never existed): the goal is reached.
      if (error instanceof ZoomApiError && (error.status === 404 || error.zoomCode === 3001)) return;
      throw error;
    }
  }

  async attendeeLink(meeting: MeetingRef, person: Person): Promise<{ url: string; registrantId: string | null }> {
    const registrant = await this.client.request<ZoomRegistrant>('POST', `/meetings/${this.id(meeting)}/registrants`, {
      email: person.email,
      first_name: person.firstName,
      last_name: person.lastName,
    });
    return { url: registrant.join_url, registrantId: registrant.registrant_id };
  }

  async hostLink(meeting: MeetingRef): Promise<string> {
    const current = await this.client.request<ZoomMeeting>('GET', `/meetings/${this.id(meeting)}`);
    return current.start_url;
  }

  private id(meeting: MeetingRef): string {
    if (!meeting.meetingId) throw new DomainError('CONFLICT', 'This class has no Zoom meeting');
    return encodeURIComponent(meeting.meetingId);
  }
}
