import type { Role } from '@tec/shared';

export interface RelationFacts {
  /** One teaches an active course the other is enrolled in. */
  teacherStudent: boolean;
  /** Both are students actively enrolled in one course. */
  classmates: boolean;
  /** One is a parent whose active-linked child is enrolled in a course the other teaches. */
  teachesChild: boolean;
  /** One is the other's active-linked child. */
  parentChild: boolean;
}

export interface SafetySettings {
  studentToStudent: boolean;
  parentToTeacher: boolean;
}

export type ContactReason = 'course_teacher' | 'course_student' | 'classmate' | 'child_teacher' | 'child' | 'admin' | 'staff';

/**
 * Who may start a direct conversation with whom. Pure, so the whole role × role matrix is unit-tested; the facts
 * come from the chat read model (RosterRepository.relationFacts). Returns why it is allowed, or null.
 * - admins may talk to anyone, and anyone to admins; teachers with teachers (staff);
 * - student ↔ teacher: only when the teacher teaches an active course of the student;
 * - student ↔ student: only classmates, and only while the school allows it;
 * - parent ↔ teacher: only a teacher of an active-linked child's course, and only while the school allows it;
 * - parent ↔ student: only the parent's own active-linked child; parent ↔ parent: never.
 */
export function directContactReason(from: Role, to: Role, facts: RelationFacts, settings: SafetySettings): ContactReason | null {
  const pair = new Set<Role>([from, to]);
  if (pair.has('admin')) return from === 'admin' && to === 'admin' ? 'staff' : 'admin';
  if (from === 'teacher' && to === 'teacher') return 'staff';
  if (pair.has('teacher') && pair.has('student')) return facts.teacherStudent ? (to === 'teacher' ? 'course_teacher' : 'course_student') : null;
  if (from === 'student' && to === 'student') return settings.studentToStudent && facts.classmates ? 'classmate' : null;
  if (pair.has('parent') && pair.has('teacher')) return settings.parentToTeacher && facts.teachesChild ? 'child_teacher' : null;
  if (pair.has('parent') && pair.has('student')) return facts.parentChild ? 'child' : null;
  return null;
}
