import type { LiveClassProvider } from '@tec/shared';

export interface MeetingSpec {
  classId: string;
  topic: string;
  agenda: string | null;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  recordingEnabled: boolean;
}

export interface MeetingRef {
  classId: string;
  meetingId: string | null;
}

export interface CreatedMeeting {
  meetingId: string;
  meetingUuid: string | null;
  joinUrl: string;
  startUrl: string;
  password: string | null;
}

export interface Person {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
}

/**
 * One interface for every video provider. A provider with webhooks (Zoom) drives status and presence through them;
 * without (Jitsi, development) the clock drives status and presence comes from join clicks.
 */
export interface MeetingProvider {
  readonly name: LiveClassProvider;
  readonly hasWebhooks: boolean;
  createMeeting(spec: MeetingSpec): Promise<CreatedMeeting>;
  updateMeeting(meeting: MeetingRef, spec: MeetingSpec): Promise<void>;
  /** Idempotent: a meeting that is already gone is fine. */
  deleteMeeting(meeting: MeetingRef): Promise<void>;
  /** A personal link for a participant; `registrantId` lets join webhooks be matched to the person. */
  attendeeLink(meeting: MeetingRef, person: Person): Promise<{ url: string; registrantId: string | null }>;
  /** The host's (teacher's) link, fresh (Zoom start URLs expire after two hours). */
  hostLink(meeting: MeetingRef, person: Person): Promise<string>;
}

export const MEETING_PROVIDERS = Symbol('MEETING_PROVIDERS');
export type MeetingProviders = Record<LiveClassProvider, MeetingProvider>;
