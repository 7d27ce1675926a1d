import { ROLES, type Role } from '@tec/shared';
import { directContactReason, type RelationFacts } from './safety-policy';

const none: RelationFacts = { teacherStudent: false, classmates: false, teachesChild: false, parentChild: false };
const open = { studentToStudent: true, parentToTeacher: true };
const closed = { studentToStudent: false, parentToTeacher: false };

/** The expected answer for every (from, to) pair, with no relation and with the relation that pair needs. */
const matrix: Record<Role, Record<Role, { alone: boolean; related: Partial<RelationFacts> | null }>> = {
  admin: { admin: { alone: true, related: null }, teacher: { alone: true, related: null }, student: { alone: true, related: null }, parent: { alone: true, related: null } },
  teacher: {
    admin: { alone: true, related: null },
    teacher: { alone: true, related: null },
    student: { alone: false, related: { teacherStudent: true } },
    parent: { alone: false, related: { teachesChild: true } },
  },
  student: {
    admin: { alone: true, related: null },
    teacher: { alone: false, related: { teacherStudent: true } },
    student: { alone: false, related: { classmates: true } },
    parent: { alone: false, related: { parentChild: true } },
  },
  parent: {
    admin: { alone: true, related: null },
    teacher: { alone: false, related: { teachesChild: true } },
    student: { alone: false, related: { parentChild: true } },
    parent: { alone: false, related: null },
  },
};

describe('chat safety policy (role × role)', () => {
  for (const from of ROLES) {
    for (const to of ROLES) {
      const expected = matrix[from][to];
      it(`${from} → ${to}: ${expected.alone ? 'always allowed' : expected.related ? 'only with the relation' : 'never'}`, () => {
        expect(directContactReason(from, to, none, open) !== null).toBe(expected.alone);
        if (expected.related) expect(directContactReason(from, to, { ...none, ...expected.related }, open)).not.toBeNull();
        // Every relation at once still never opens a pair the policy never allows.
        const all = { teacherStudent: true, classmates: true, teachesChild: true, parentChild: true };
        if (!expected.alone && !expected.related) expect(directContactReason(from, to, all, open)).toBeNull();
      });
    }
  }

  it('a relation meant for another pair never opens a pair (a parent with a classmate of the child)', () => {
    expect(directContactReason('parent', 'student', { ...none, classmates: true, teacherStudent: true, teachesChild: true }, open)).toBeNull();
    expect(directContactReason('student', 'student', { ...none, teacherStudent: true, parentChild: true }, open)).toBeNull();
    expect(directContactReason('student', 'teacher', { ...none, classmates: true }, open)).toBeNull();
  });

  it('the school can turn off student ↔ student and parent ↔ teacher', () => {
    expect(directContactReason('student', 'student', { ...none, classmates: true }, closed)).toBeNull();
    expect(directContactReason('parent', 'teacher', { ...none, teachesChild: true }, closed)).toBeNull();
    // Student ↔ teacher of a shared course stays allowed whatever the switches say.
    expect(directContactReason('student', 'teacher', { ...none, teacherStudent: true }, closed)).toBe('course_teacher');
  });
});
