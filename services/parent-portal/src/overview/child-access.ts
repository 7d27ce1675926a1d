import { Injectable } from '@nestjs/common';
import { DomainError, type AuthContext, type Relationship } from '@tec/shared';
import { requireUser } from '../common/access';
import { LinksRepository } from '../links/links.repository';
import { OverviewRepository } from './overview.repository';

/**
 * The one gate of every parent read about a child: an ACTIVE link (approved, not revoked, consented when the child
 * is an adult), checked at each request, so a withdrawn consent or a revoked link shuts the next request out.
 * Not linked, pending, rejected, revoked or without consent all answer NOT_FOUND (nothing about the child leaks).
 * Every granted access is written to the child's access log.
 */
@Injectable()
export class ChildAccess {
  constructor(
    private readonly links: LinksRepository,
    private readonly overview: OverviewRepository,
  ) {}

  async open(auth: AuthContext, studentId: string, resource: string): Promise<{ parentId: string; linkId: string; relationship: Relationship }> {
    const parent = requireUser(auth, 'parent');
    const link = await this.links.activeLink(parent.userId, studentId);
    if (!link) throw DomainError.notFound('Child');
    await this.overview.logAccess({ studentId, viewerId: parent.userId, viewerRole: 'parent', resource });
    return { parentId: parent.userId, linkId: link.id, relationship: link.relationship };
  }

  /** A read over all of the parent's active children (dashboard cards, the whole alert feed): one log entry per child. */
  async openAll(auth: AuthContext, resource: string): Promise<{ parentId: string; childIds: string[] }> {
    const parent = requireUser(auth, 'parent');
    const childIds = await this.links.activeChildIds(parent.userId);
    await this.overview.logAccessMany(childIds, { viewerId: parent.userId, viewerRole: 'parent', resource });
    return { parentId: parent.userId, childIds };
  }
}
