import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BlobTransfer, CHAT_TRANSFER_BUCKET, chatRpc, DATA_SOURCE, parentPortalLinkEvents, type AuthContext, type MessageAttachment, type RpcResponse, type UserProfile } from '@tec/shared';
import { bootTestService, coreEventFactory, publishTestEvent, type CoreEventFactory, type TestNats, type TestService } from '@tec/shared/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { buildServiceModule } from '../src/app.module';
import { chatConfigShape, type ChatConfig } from '../src/config';
import { chatEntities } from '../src/entities';
import { chatMigrations } from '../src/migrations';
import { asUser as as, codeOf, waitFor } from '@tec/shared/testing';

// The platform's test assertions, under the names this service's tests use.
export { as, codeOf, waitFor };

export type ChatTestService = TestService<ChatConfig> & { core: CoreEventFactory; dataSource: DataSource };

/**
 * Boots the whole chat service (RPC over the real NATS, a fresh clone of the migrated database, relay and
 * consumers on). Its read model is filled the production way: core and parent-portal events. Timers are off.
 */
export async function bootChat(env: Record<string, string> = {}, nats?: TestNats): Promise<ChatTestService> {
  const service = await bootTestService({
    schema: 'chat',
    entities: chatEntities,
    migrations: chatMigrations,
    configShape: chatConfigShape,
    buildModule: (config) => buildServiceModule(config, { events: { relayPollIntervalMs: 100, retryBaseMs: 100 } }),
    nats,
    env: {
      CHAT_JOB_INTERVAL_SECONDS: '0',
      CHAT_POLICY_CACHE_MS: '0',
      CHAT_ATTACHMENTS_DIR: mkdtempSync(path.join(tmpdir(), 'chat-attachments-')),
      RPC_TIMEOUT_MS: '20000',
      DATABASE_POOL_SIZE: '20',
      ...env,
    },
  });
  return Object.assign(service, { core: coreEventFactory(service.nats, service.prefix), dataSource: service.app.get<DataSource>(DATA_SOURCE) });
}

export interface School {
  teacher: UserProfile;
  otherTeacher: UserProfile;
  course: { id: string; code: string; title: string };
  otherCourse: { id: string; code: string; title: string };
  students: UserProfile[];
  outsider: UserProfile;
  parent: UserProfile;
  otherParent: UserProfile;
  admin: UserProfile;
}

/**
 * A small school: `teacher` teaches `course` with `students` (3); `otherTeacher` teaches `otherCourse` with only
 * `outsider`; `parent` is actively linked to students[0]; `otherParent` to nobody. Waits until chat has it all.
 */
export async function school(service: ChatTestService): Promise<School> {
  const { core } = service;
  const [teacher, otherTeacher, admin, parent, otherParent] = [await core.teacher(), await core.teacher(), await core.admin(), await core.parent(), await core.parent()];
  const course = await core.course({ teachers: [teacher] });
  const otherCourse = await core.course({ teachers: [otherTeacher] });
  const students: UserProfile[] = [];
  for (let index = 0; index < 3; index += 1) {
    const student = await core.student();
    await core.enrollment(student, course);
    students.push(student);
  }
  const outsider = await core.student();
  await core.enrollment(outsider, otherCourse);
  await linkParent(service, parent, students[0]!);
  await waitFor(async () => {
    const [row] = await service.dataSource.query<{ members: number; links: number; others: number }[]>(
      `SELECT (SELECT count(*)::int FROM "chat"."participants" p JOIN "chat"."conversations" c ON c.id = p.conversation_id
               WHERE c.course_id = $1 AND c.kind = 'course' AND p.left_at IS NULL) AS members,
              (SELECT count(*)::int FROM "chat"."participants" p JOIN "chat"."conversations" c ON c.id = p.conversation_id
               WHERE c.course_id = $2 AND c.kind = 'course' AND p.left_at IS NULL) AS others,
              (SELECT count(*)::int FROM "chat"."parent_links" WHERE parent_id = $3 AND active) AS links`,
      [course.id, otherCourse.id, parent.id],
    );
    return row!.members === 4 && row!.others === 2 && row!.links === 1 && (await service.dataSource.query(`SELECT 1 FROM "chat"."users" WHERE id = $1`, [otherParent.id])).length > 0;
  }, 30_000);
  return { teacher, otherTeacher, course, otherCourse, students, outsider, parent, otherParent, admin };
}

export async function linkParent(service: ChatTestService, parent: UserProfile, student: UserProfile): Promise<string> {
  const linkId = randomUUID();
  await publishTestEvent(service.nats, service.prefix, parentPortalLinkEvents.linkActivated, { linkId, parent, student, relationship: 'mother' }, { producer: 'parent-portal' });
  return linkId;
}

/** The chat-transfers object store of the service's NATS prefix (where uploads wait and large downloads leave). */
export function chatTransfers(service: ChatTestService): Promise<BlobTransfer> {
  return BlobTransfer.open(service.nats, service.prefix, CHAT_TRANSFER_BUCKET);
}

/** Uploads a file the way the gateway does: parks the bytes in the chat-transfers object store, then calls chat. */
export async function uploadAttachment(service: ChatTestService, auth: AuthContext, conversationId: string, fileName: string, bytes: Buffer): Promise<MessageAttachment> {
  const transfer = await (await chatTransfers(service)).park(bytes, 'chat-upload');
  return service.rpc.call(chatRpc.attachmentsUpload, { conversationId, fileName, transfer }, auth);
}

/** A file or thumbnail reply's bytes: inline, or taken from the transfer store the way the gateway does. */
export async function contentBytes(service: ChatTestService, content: RpcResponse<typeof chatRpc.attachmentGet>): Promise<Buffer> {
  if (content.contentBase64 !== undefined) return Buffer.from(content.contentBase64, 'base64');
  const bytes = await (await chatTransfers(service)).take(content.transfer!.name);
  if (!bytes) throw new Error(`transfer ${content.transfer!.name} is gone`);
  return bytes;
}
