import { randomUUID } from 'node:crypto';
import { hash } from 'argon2';
import type { Role } from '@tec/shared';
import type { DataSource } from 'typeorm';
import { CourseEntity } from '../src/courses/course.entity';
import { EnrollmentEntity } from '../src/courses/enrollment.entity';
import { AssignmentEntity } from '../src/coursework/assignment.entity';
import { UserEntity } from '../src/users/user.entity';

type UserInput = Partial<Pick<UserEntity, 'email' | 'firstName' | 'lastName' | 'timezone' | 'locale' | 'dateOfBirth' | 'active'>> & {
  password?: string;
};

/**
 * Inserts rows straight into the test database and returns them. Test data, not use cases: factories publish
 * no events, so a test's outbox holds only what the code under test wrote.
 */
export function createFactory(dataSource: DataSource) {
  const db = dataSource.manager;
  let sequence = 0;

  async function user(role: Role, input: UserInput = {}): Promise<UserEntity> {
    sequence += 1;
    const { password, ...fields } = input;
    const id = randomUUID();
    await db.insert(UserEntity, {
      id,
      email: `${role}${sequence}.${id.slice(0, 8)}@test.example`,
      firstName: `${role[0]!.toUpperCase()}${role.slice(1)}`,
      lastName: `Number${sequence}`,
      role,
      timezone: 'Europe/Madrid',
      locale: 'en',
      dateOfBirth: role === 'student' ? '2008-03-14' : null,
      passwordHash: password ? await hash(password) : null,
      active: true,
      ...fields,
    });
    return db.findOneByOrFail(UserEntity, { id });
  }

  return {
    student: (input?: UserInput) => user('student', input),
    teacher: (input?: UserInput) => user('teacher', input),
    parent: (input?: UserInput) => user('parent', input),
    admin: (input?: UserInput) => user('admin', input),

    async course(input: { teacher?: UserEntity; code?: string; title?: string } = {}): Promise<CourseEntity> {
      sequence += 1;
      const id = randomUUID();
      await db.insert(CourseEntity, {
        id,
        code: input.code ?? `C${sequence}-${id.slice(0, 6).toUpperCase()}`,
        title: input.title ?? `Course ${sequence}`,
        description: '',
        level: 'grade12',
      });
      if (input.teacher) {
        await db.query(`INSERT INTO "core"."course_teachers" (course_id, teacher_id) VALUES ($1, $2)`, [id, input.teacher.id]);
      }
      return db.findOneByOrFail(CourseEntity, { id });
    },

    async enrollment(input: { course: CourseEntity; student: UserEntity; enrolledAt?: Date; status?: 'active' | 'dropped' }): Promise<EnrollmentEntity> {
      const id = randomUUID();
      await db.insert(EnrollmentEntity, {
        id,
        courseId: input.course.id,
        studentId: input.student.id,
        status: input.status ?? 'active',
        enrolledAt: input.enrolledAt ?? new Date(Date.now() - 30 * 86_400_000),
        droppedAt: input.status === 'dropped' ? new Date() : null,
      });
      return db.findOneByOrFail(EnrollmentEntity, { id });
    },

    async assignment(input: { course: CourseEntity; dueAt?: Date; maxScore?: number; title?: string }): Promise<AssignmentEntity> {
      sequence += 1;
      const id = randomUUID();
      await db.insert(AssignmentEntity, {
        id,
        courseId: input.course.id,
        title: input.title ?? `Assignment ${sequence}`,
        description: '',
        dueAt: input.dueAt ?? new Date(Date.now() + 7 * 86_400_000),
        maxScore: input.maxScore ?? 100,
        createdBy: null,
      });
      return db.findOneByOrFail(AssignmentEntity, { id });
    },
  };
}

export type Factory = ReturnType<typeof createFactory>;
