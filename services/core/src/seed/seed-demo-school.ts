import { inTransaction, type Role } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import type { CourseEntity } from '../courses/course.entity';
import type { UserEntity } from '../users/user.entity';
import {
  BACHELOR_STUDENTS,
  DEMO_ADMIN,
  DEMO_ASSIGNMENTS,
  DEMO_COURSES,
  DEMO_PARENT,
  DEMO_PARENTS,
  DEMO_PASSWORD,
  DEMO_STUDENT,
  DEMO_TEACHERS,
  GRADE12_STUDENTS,
  SCHOOL_TIMEZONE,
  TERM_STARTED_DAYS_AGO,
  type DemoPerson,
} from './demo-school.data';
import { seedDemoActivity } from './seed-demo-activity';
import { createSeedServices, type SeedServices } from './seed-services';

const DAY_MS = 86_400_000;

/** How far the zone's wall clock is ahead of UTC at that instant (negative west of Greenwich). */
function zoneOffsetMs(zone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  return wall - Math.floor(at.getTime() / 60_000) * 60_000;
}

/** Deadlines fall at 23:59 in the school's zone, as real ones do, rather than at the minute the seed ran. */
function endOfSchoolDay(now: Date, days: number): Date {
  const wallClock = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days, 23, 59));
  return new Date(wallClock.getTime() - zoneOffsetMs(SCHOOL_TIMEZONE, wallClock));
}

export interface SeedSummary {
  users: number;
  courses: number;
  enrollments: number;
  assignments: number;
  submissions: number;
  grades: number;
}

function dateOfBirth(age: number | undefined, now: Date): string | null {
  if (age === undefined) return null;
  const birth = new Date(Date.UTC(now.getUTCFullYear() - age, now.getUTCMonth(), now.getUTCDate()));
  birth.setUTCDate(birth.getUTCDate() - 40); // a little over `age`, away from a birthday
  return birth.toISOString().slice(0, 10);
}

/** Deterministic spread of scores between 60% and 99%. */
function scoreFor(studentIndex: number, assignmentIndex: number, maxScore: number): number {
  return Math.round(maxScore * (0.6 + ((studentIndex * 13 + assignmentIndex * 7) % 40) / 100));
}

/**
 * Seeds the demo school idempotently: people are looked up by email, courses by code, assignments by
 * (course, title), submissions and grades by (assignment, student). Everything goes through the use cases,
 * so the `core.v1.*` events land in the outbox, all in one transaction; a second run changes nothing.
 */
export async function seedDemoSchool(dataSource: DataSource, now: Date = new Date()): Promise<SeedSummary> {
  const services = createSeedServices(dataSource);
  const passwordHash = await services.passwords.hash(DEMO_PASSWORD); // one hash for all demo accounts: demo only
  const seeded = await inTransaction(dataSource, async (db) => {
    const ensure = (person: DemoPerson, role: Role) => ensureUser(services, db, person, role, passwordHash, now);
    const admin = await ensure(DEMO_ADMIN, 'admin');
    await ensure(DEMO_PARENT, 'parent');
    for (const parent of DEMO_PARENTS) await ensure(parent, 'parent');
    const teachers = new Map<string, UserEntity>();
    for (const teacher of DEMO_TEACHERS) teachers.set(teacher.email, await ensure(teacher, 'teacher'));
    const grade12 = [await ensure(DEMO_STUDENT, 'student')];
    for (const student of GRADE12_STUDENTS) grade12.push(await ensure(student, 'student'));
    const bachelor: UserEntity[] = [];
    for (const student of BACHELOR_STUDENTS) bachelor.push(await ensure(student, 'student'));

    const rosters: Record<string, UserEntity[]> = {
      'MATH-12A': grade12,
      'BIO-12A': grade12,
      'ENG-12A': grade12,
      'CS-101': bachelor,
      'STAT-201': bachelor.slice(0, 12),
      'ECON-110': bachelor.slice(6),
    };
    const termStart = new Date(now.getTime() - TERM_STARTED_DAYS_AGO * DAY_MS);
    for (const demo of DEMO_COURSES) {
      const course = await ensureCourse(services, db, demo);
      for (const email of demo.teachers) await services.coursesService.assignTeacherInTransaction(course.id, teachers.get(email)!.id, db);
      const students = rosters[demo.code] ?? [];
      for (const student of students) await services.enrollmentsService.enrollInTransaction(course.id, student.id, db, termStart);
      await seedCoursework(services, db, course, students, teachers.get(demo.teachers[0]!)!, now);
    }
    return { admin, student: grade12[0]!, bachelor, teachers };
  });
  await seedDemoActivity(services, seeded);
  return countAll(dataSource);
}

async function ensureUser(
  services: SeedServices,
  db: EntityManager,
  person: DemoPerson,
  role: Role,
  passwordHash: string,
  now: Date,
): Promise<UserEntity> {
  const existing = await services.users.findByEmail(person.email, db);
  if (existing) return existing;
  return services.usersService.createInTransaction(
    {
      email: person.email,
      firstName: person.firstName,
      lastName: person.lastName,
      role,
      timezone: SCHOOL_TIMEZONE,
      locale: person.locale ?? 'en',
      dateOfBirth: role === 'student' ? dateOfBirth(person.age, now) : null,
      passwordHash,
    },
    db,
  );
}

async function ensureCourse(services: SeedServices, db: EntityManager, demo: (typeof DEMO_COURSES)[number]): Promise<CourseEntity> {
  const existing = await services.courses.findByCode(demo.code, db);
  if (existing) return existing;
  return services.coursesService.createInTransaction({ code: demo.code, title: demo.title, description: demo.description, level: demo.level }, db);
}

async function seedCoursework(
  services: SeedServices,
  db: EntityManager,
  course: CourseEntity,
  students: UserEntity[],
  teacher: UserEntity,
  now: Date,
): Promise<void> {
  for (const [assignmentIndex, demo] of DEMO_ASSIGNMENTS.entries()) {
    const assignment =
      (await services.assignments.findForCourseByTitle(course.id, demo.title, db)) ??
      (await services.assignmentsService.createInTransaction(
        course,
        { title: demo.title, description: `${demo.title} for ${course.title}.`, dueAt: endOfSchoolDay(now, demo.dueInDays), maxScore: demo.maxScore, createdBy: teacher.id },
        db,
      ));
    const past = assignment.dueAt.getTime() < now.getTime();
    for (const [studentIndex, student] of students.entries()) {
      // Past work: about one in six missing, one in seven late; the demo student (index 0) missed one essay, so
      // her dashboard, her parent's alerts and the missing-assignment email all have something to show.
      // Upcoming work: the demo student and a few early birds have handed in the lab report.
      const demoStudentMissed = course.code === 'ENG-12A' && assignmentIndex === 1;
      const submits = past
        ? studentIndex === 0
          ? !demoStudentMissed
          : (studentIndex + assignmentIndex * 3) % 6 !== 0
        : assignmentIndex === 2 && (studentIndex === 0 || studentIndex % 4 === 3);
      if (!submits) continue;
      if (!(await services.submissions.findForStudent(student.id, assignment.id, db))) {
        const late = past && studentIndex !== 0 && (studentIndex + assignmentIndex) % 7 === 0;
        const submittedAt = new Date(Math.min(assignment.dueAt.getTime() + (late ? DAY_MS : -DAY_MS), now.getTime() - 60_000));
        await services.submissionsService.recordInTransaction(student.id, assignment.id, 'Submitted through the demo seed.', submittedAt, db);
      }
      // The older assignment is fully graded; the newer one half, so teachers have work waiting.
      const graded = past && (assignmentIndex === 0 || studentIndex % 2 === 1);
      if (graded && !(await services.grades.findForStudent(student.id, assignment.id))) {
        await services.gradingService.recordInTransaction(
          {
            assignmentId: assignment.id,
            studentId: student.id,
            score: scoreFor(studentIndex, assignmentIndex, assignment.maxScore),
            feedback: studentIndex % 3 === 0 ? 'Good work — check the feedback on question 3.' : undefined,
            gradedBy: teacher.id,
            gradedAt: new Date(Math.min(assignment.dueAt.getTime() + 2 * DAY_MS, now.getTime() - 60_000)),
          },
          db,
        );
      }
    }
  }
}

async function countAll(dataSource: DataSource): Promise<SeedSummary> {
  const [row] = await dataSource.query<SeedSummary[]>(
    `SELECT (SELECT count(*)::int FROM "core"."users") AS users,
            (SELECT count(*)::int FROM "core"."courses") AS courses,
            (SELECT count(*)::int FROM "core"."enrollments") AS enrollments,
            (SELECT count(*)::int FROM "core"."assignments") AS assignments,
            (SELECT count(*)::int FROM "core"."submissions") AS submissions,
            (SELECT count(*)::int FROM "core"."grades") AS grades`,
  );
  return row!;
}
