import { Injectable } from '@nestjs/common';
import { DomainError, type AuthContext, type RpcParsedRequest, notificationsRpc } from '@tec/shared';
import { requireAdmin, requireAdminOrService } from '../common/access';
import { DeliveryLogRepository } from './delivery-log.repository';
import { EmailSendWorker } from './email-send.worker';
import { SuppressionsRepository } from './suppressions.repository';

/** Admin operations on the email queue. */
@Injectable()
export class DeliveryLogService {
  constructor(
    private readonly log: DeliveryLogRepository,
    private readonly suppressions: SuppressionsRepository,
    private readonly worker: EmailSendWorker,
  ) {}

  list(auth: AuthContext, request: RpcParsedRequest<typeof notificationsRpc.deliveriesList>) {
    requireAdmin(auth);
    return this.log.page(request);
  }

  async get(auth: AuthContext, deliveryId: string) {
    requireAdmin(auth);
    return this.detail(deliveryId);
  }

  async retry(auth: AuthContext, deliveryId: string) {
    const admin = requireAdmin(auth);
    const current = await this.detail(deliveryId);
    if (!(await this.log.requeue(deliveryId, admin.userId))) {
      throw new DomainError('CONFLICT', `Only failed, bounced or dropped emails can be retried; this one is ${current.status}`, { status: current.status });
    }
    return this.detail(deliveryId);
  }

  stats(auth: AuthContext) {
    requireAdmin(auth);
    return this.log.stats();
  }

  async process(auth: AuthContext) {
    requireAdminOrService(auth);
    return this.worker.processDue();
  }

  async deadContacts(auth: AuthContext) {
    requireAdmin(auth);
    return { items: await this.suppressions.deadContacts() };
  }

  suppressionsPage(auth: AuthContext, request: RpcParsedRequest<typeof notificationsRpc.suppressionsList>) {
    requireAdmin(auth);
    return this.suppressions.page(request.search, request.cursor, request.limit);
  }

  async removeSuppression(auth: AuthContext, email: string) {
    requireAdmin(auth);
    return { removed: await this.suppressions.remove(email) };
  }

  private async detail(deliveryId: string) {
    const delivery = await this.log.get(deliveryId);
    if (!delivery) throw DomainError.notFound('Email');
    return { ...delivery, timeline: await this.log.timeline(deliveryId) };
  }
}
