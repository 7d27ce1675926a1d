import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, DomainError, type Role } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '../common/db-errors';
import { UserEntity } from './user.entity';

export interface NewUser {
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  timezone: string;
  locale: string;
  dateOfBirth: string | null;
  passwordHash: string | null;
}

export type UserPatch = Partial<Omit<NewUser, 'email'>> & { email?: string; active?: boolean };

export interface UserListQuery {
  search?: string;
  role?: Role;
  after?: { email: string; id: string };
  limit: number;
}

@Injectable()
export class UsersRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  findById(userId: string, db: EntityManager = this.dataSource.manager): Promise<UserEntity | null> {
    return db.findOneBy(UserEntity, { id: userId });
  }

  findByIds(userIds: string[], db: EntityManager = this.dataSource.manager): Promise<UserEntity[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return db
      .createQueryBuilder(UserEntity, 'u')
      .where('u.id IN (:...userIds)', { userIds })
      .getMany();
  }

  /** Case-insensitive, like the unique index. */
  findByEmail(email: string, db: EntityManager = this.dataSource.manager): Promise<UserEntity | null> {
    return db.createQueryBuilder(UserEntity, 'u').where('lower(u.email) = lower(:email)', { email }).getOne();
  }

  /** Locks the row for the rest of the transaction (read-modify-write of one account). */
  findByIdForUpdate(userId: string, db: EntityManager): Promise<UserEntity | null> {
    return db.createQueryBuilder(UserEntity, 'u').setLock('pessimistic_write').where('u.id = :userId', { userId }).getOne();
  }

  async insert(user: NewUser, db: EntityManager): Promise<UserEntity> {
    try {
      const result = await db.insert(UserEntity, { ...user, active: true });
      const id = (result.identifiers[0] as { id: string }).id;
      return (await db.findOneByOrFail(UserEntity, { id }));
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) {
        throw new DomainError('ALREADY_EXISTS', 'An account with this email already exists', { field: 'email' });
      }
      throw error;
    }
  }

  async update(userId: string, patch: UserPatch, db: EntityManager): Promise<UserEntity> {
    try {
      if (Object.keys(patch).length > 0) await db.update(UserEntity, { id: userId }, patch);
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) {
        throw new DomainError('ALREADY_EXISTS', 'An account with this email already exists', { field: 'email' });
      }
      throw error;
    }
    return db.findOneByOrFail(UserEntity, { id: userId });
  }

  /** Keyset pagination on (email, id): stable under inserts, no OFFSET scans. */
  list(query: UserListQuery, db: EntityManager = this.dataSource.manager): Promise<UserEntity[]> {
    const builder = db.createQueryBuilder(UserEntity, 'u').orderBy('u.email', 'ASC').addOrderBy('u.id', 'ASC').take(query.limit);
    if (query.role) builder.andWhere('u.role = :role', { role: query.role });
    if (query.search) {
      const pattern = `%${query.search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
      builder.andWhere(
        "(u.email ILIKE :pattern OR u.first_name ILIKE :pattern OR u.last_name ILIKE :pattern OR (u.first_name || ' ' || u.last_name) ILIKE :pattern)",
        { pattern },
      );
    }
    if (query.after) builder.andWhere('(u.email, u.id) > (:afterEmail, :afterId)', { afterEmail: query.after.email, afterId: query.after.id });
    return builder.getMany();
  }

  async countByRole(db: EntityManager = this.dataSource.manager): Promise<Record<Role, number>> {
    const rows = await db.query<{ role: Role; count: number }[]>(
      'SELECT role, count(*)::int AS count FROM "core"."users" WHERE active GROUP BY role',
    );
    const counts: Record<Role, number> = { student: 0, teacher: 0, parent: 0, admin: 0 };
    for (const row of rows) counts[row.role] = row.count;
    return counts;
  }

  /** True when the student is actively enrolled in a course the teacher teaches. */
  async isStudentOfTeacher(studentId: string, teacherId: string, db: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = await db.query<unknown[]>(
      `SELECT 1 FROM "core"."enrollments" e
         JOIN "core"."course_teachers" ct ON ct.course_id = e.course_id
        WHERE e.student_id = $1 AND ct.teacher_id = $2 AND e.status = 'active' LIMIT 1`,
      [studentId, teacherId],
    );
    return rows.length > 0;
  }
}
