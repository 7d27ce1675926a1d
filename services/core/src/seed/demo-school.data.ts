import type { CourseLevel } from '@tec/shared';

/** The demo school, as data. Deterministic: the same input every run, so the seed can look rows up by key. */
export const DEMO_PASSWORD = 'demo1234';
export const SCHOOL_TIMEZONE = 'America/Monterrey';

export interface DemoPerson {
  email: string;
  firstName: string;
  lastName: string;
  /** Age in years at the first seed; the date of birth is derived once and then kept. */
  age?: number;
  locale?: string;
}

export const DEMO_ADMIN: DemoPerson = { email: 'admin@tec.example', firstName: 'Ada', lastName: 'Admin' };
export const DEMO_PARENT: DemoPerson = { email: 'parent@tec.example', firstName: 'Paula', lastName: 'Rivera' };
/** A Grade 12 minor: the parent portal treats her as a child of parent@tec.example. */
export const DEMO_STUDENT: DemoPerson = { email: 'student@tec.example', firstName: 'Sofía', lastName: 'Rivera', age: 17, locale: 'es-MX' };

export const DEMO_TEACHERS: DemoPerson[] = [
  { email: 'teacher@tec.example', firstName: 'Tomás', lastName: 'Herrera' },
  { email: 'maria.lopez@tec.example', firstName: 'María', lastName: 'López' },
  { email: 'james.carter@tec.example', firstName: 'James', lastName: 'Carter' },
  { email: 'aiko.tanaka@tec.example', firstName: 'Aiko', lastName: 'Tanaka' },
];

const FIRST_NAMES = ['Diego', 'Valeria', 'Mateo', 'Camila', 'Santiago', 'Lucía', 'Emiliano', 'Regina', 'Leonardo', 'Ximena',
  'Daniel', 'Renata', 'Sebastián', 'Mariana', 'Nicolás', 'Fernanda', 'Alejandro', 'Isabella', 'Gael', 'Daniela'];
const LAST_NAMES = ['García', 'Martínez', 'Hernández', 'González', 'Pérez', 'Sánchez', 'Ramírez', 'Torres', 'Flores', 'Vargas',
  'Castillo', 'Morales', 'Ortiz', 'Jiménez', 'Ruiz', 'Mendoza', 'Aguilar', 'Navarro', 'Domínguez', 'Cruz'];

function person(index: number, domainPart: string, age: number): DemoPerson {
  const firstName = FIRST_NAMES[index % FIRST_NAMES.length]!;
  const lastName = LAST_NAMES[(index * 7 + 3) % LAST_NAMES.length]!;
  const slug = `${firstName}.${lastName}`.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return { email: `${slug}.${domainPart}${index + 1}@tec.example`, firstName, lastName, age, locale: index % 3 === 0 ? 'en' : 'es-MX' };
}

/** 24 Grade 12 students (16–17) besides student@, and 16 bachelor students (18–23). */
export const GRADE12_STUDENTS: DemoPerson[] = Array.from({ length: 24 }, (_, index) => person(index, 'g', 16 + (index % 2)));
export const BACHELOR_STUDENTS: DemoPerson[] = Array.from({ length: 16 }, (_, index) => person(index + 24, 'b', 18 + (index % 6)));

/** Ten more parents, each of one Grade 12 student (the links themselves belong to the parent portal). */
export const DEMO_PARENTS: DemoPerson[] = GRADE12_STUDENTS.slice(0, 10).map((child, index) => ({
  email: `parent.${child.email.split('@')[0]}@tec.example`,
  firstName: ['Laura', 'Jorge', 'Patricia', 'Ricardo', 'Gabriela', 'Héctor', 'Claudia', 'Roberto', 'Verónica', 'Arturo'][index]!,
  lastName: child.lastName,
}));

export interface DemoCourse {
  code: string;
  title: string;
  description: string;
  level: CourseLevel;
  /** Emails of its teachers. */
  teachers: string[];
}

export const DEMO_COURSES: DemoCourse[] = [
  { code: 'MATH-12A', title: 'Grade 12 Mathematics', description: 'Functions, calculus foundations and statistics.', level: 'grade12', teachers: ['teacher@tec.example'] },
  { code: 'BIO-12A', title: 'Grade 12 Biology', description: 'Cells, genetics and ecosystems.', level: 'grade12', teachers: ['teacher@tec.example', 'aiko.tanaka@tec.example'] },
  { code: 'ENG-12A', title: 'Grade 12 English', description: 'Academic reading and writing.', level: 'grade12', teachers: ['james.carter@tec.example'] },
  { code: 'CS-101', title: 'Introduction to Programming', description: 'Programming with Python, from variables to classes.', level: 'bachelor', teachers: ['maria.lopez@tec.example'] },
  { code: 'STAT-201', title: 'Probability and Statistics', description: 'Probability, inference and regression.', level: 'bachelor', teachers: ['teacher@tec.example', 'maria.lopez@tec.example'] },
  { code: 'ECON-110', title: 'Principles of Microeconomics', description: 'Markets, prices and incentives.', level: 'bachelor', teachers: ['james.carter@tec.example'] },
];

/** Per course: two past assignments (with submissions and grades) and two upcoming ones. Days from the first seed. */
export const DEMO_ASSIGNMENTS: { title: string; dueInDays: number; maxScore: number }[] = [
  { title: 'Unit 1 problem set', dueInDays: -21, maxScore: 100 },
  { title: 'Unit 2 essay', dueInDays: -5, maxScore: 50 },
  { title: 'Unit 3 lab report', dueInDays: 4, maxScore: 100 },
  { title: 'Midterm project', dueInDays: 15, maxScore: 200 },
];

/** The term started this many days before the first seed (enrollments date from then). */
export const TERM_STARTED_DAYS_AGO = 45;
