import { Injectable } from '@nestjs/common';
import { DomainError } from '@tec/shared';
import type { EntityManager } from 'typeorm';
import { CoursesRepository } from '../courses/courses.repository';
import { CoursesService } from '../courses/courses.service';
import { EnrollmentsService } from '../courses/enrollments.service';
import type { UserEntity } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import type { RosterRow } from './roster-csv';

/**
 * Applies one roster row through the same use cases as the RPCs, so every change publishes its event.
 * An existing account is updated (names, and date of birth, timezone and locale when given), never
 * switched to another role.
 */
@Injectable()
export class RosterRowApplier {
  constructor(
    private readonly users: UsersRepository,
    private readonly usersService: UsersService,
    private readonly courses: CoursesRepository,
    private readonly coursesService: CoursesService,
    private readonly enrollments: EnrollmentsService,
  ) {}

  async apply(row: RosterRow, db: EntityManager): Promise<void> {
    const course = row.courseCode ? await this.courses.findByCode(row.courseCode, db) : null;
    if (row.courseCode && !course) throw new DomainError('NOT_FOUND', `unknown course ${row.courseCode}`);
    const user = await this.upsertUser(row, db);
    if (!course) return;
    if (row.role === 'student') await this.enrollments.enrollInTransaction(course.id, user.id, db);
    else if (row.role === 'teacher') await this.coursesService.assignTeacherInTransaction(course.id, user.id, db);
  }

  private async upsertUser(row: RosterRow, db: EntityManager): Promise<UserEntity> {
    const existing = await this.users.findByEmail(row.email, db);
    if (!existing) {
      return this.usersService.createInTransaction(
        {
          email: row.email,
          firstName: row.firstName,
          lastName: row.lastName,
          role: row.role,
          timezone: row.timezone ?? 'UTC',
          locale: row.locale ?? 'en',
          dateOfBirth: row.dateOfBirth,
          passwordHash: null,
        },
        db,
      );
    }
    if (existing.role !== row.role) {
      throw new DomainError('CONFLICT', `${row.email} already has a ${existing.role} account, not ${row.role}`);
    }
    return this.usersService.updateInTransaction(
      existing.id,
      {
        firstName: row.firstName,
        lastName: row.lastName,
        ...(row.dateOfBirth ? { dateOfBirth: row.dateOfBirth } : {}),
        ...(row.timezone ? { timezone: row.timezone } : {}),
        ...(row.locale ? { locale: row.locale } : {}),
      },
      db,
    );
  }
}
