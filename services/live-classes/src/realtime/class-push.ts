import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, LOGGER, NATS_CONNECTION, publishPush, type ClientEventMap, type Logger, type LiveQuestion } from '@tec/shared';
import type { NatsConnection } from 'nats';
import type { ClassRow } from '../classes/classes.repository';
import type { LiveClassesConfig } from '../config';

/** Pushes to the `class:<id>` room after a change commits (best effort: the page refetches on reconnect). */
@Injectable()
export class ClassPush {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(CONFIG) private readonly config: LiveClassesConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  question(classId: string, change: ClientEventMap['live_question']['change'], question: LiveQuestion): void {
    this.emit(classId, 'live_question', { classId, change, question: { ...question, votedByMe: false } });
  }

  status(row: Pick<ClassRow, 'id' | 'status' | 'started_at' | 'ended_at'>): void {
    this.emit(row.id, 'live_class_status', { classId: row.id, status: row.status, startedAt: row.started_at?.toISOString() ?? null, endedAt: row.ended_at?.toISOString() ?? null });
  }

  private emit<E extends keyof ClientEventMap>(classId: string, event: E, data: ClientEventMap[E]): void {
    try {
      publishPush(this.nats, this.config.NATS_SUBJECT_PREFIX, { room: { kind: 'class', id: classId }, event, data });
    } catch (error) {
      this.logger.warn({ err: error, classId, event }, 'live class push failed');
    }
  }
}
