import type { Role } from '@tec/shared/contracts';
import type { ComponentType, SVGProps } from 'react';
import type { MessageKey } from '../i18n';
import { ActivityIcon, BookIcon, CalendarIcon, ClipboardIcon, HomeIcon, MailIcon, UploadIcon, UserIcon, UsersIcon } from '../ui/icons';
import { ScanIcon } from '../features/attendance/shared/scan-icon';
import { VideoIcon } from '../features/live-classes/video-icon';

export interface NavItem {
  to: string;
  label: MessageKey;
  icon: ComponentType<SVGProps<SVGSVGElement>>;
  /** Only the exact path counts as active (the home link would otherwise match every page). */
  end?: boolean;
  /** False: side nav only, kept off the phone's bottom bar (which holds five at most). */
  phone?: boolean;
}

const home: NavItem = { to: '/', label: 'nav.home', icon: HomeIcon, end: true };
const courses: NavItem = { to: '/courses', label: 'nav.courses', icon: BookIcon };
const profile: NavItem = { to: '/profile', label: 'nav.profile', icon: UserIcon };
const users: NavItem = { to: '/admin/users', label: 'nav.users', icon: UsersIcon };
// A CSV upload is laptop work: on phones the bottom bar's fifth slot goes to Email.
const rosterImport: NavItem = { to: '/admin/roster-import', label: 'nav.rosterImport', icon: UploadIcon, phone: false };
const operations: NavItem = { to: '/admin/operations', label: 'nav.operations', icon: ActivityIcon };
const email: NavItem = { to: '/admin/email', label: 'nav.email', icon: MailIcon };
const checkIn: NavItem = { to: '/check-in/scan', label: 'nav.checkIn', icon: ScanIcon };
const myAttendance: NavItem = { to: '/attendance/me', label: 'nav.myAttendance', icon: ClipboardIcon };
const attendance: NavItem = { to: '/attendance', label: 'nav.attendance', icon: CalendarIcon };
// Admins reach sessions from the reports page; the bottom bar is full.
const attendanceReports: NavItem = { to: '/attendance/reports', label: 'nav.attendanceReports', icon: ClipboardIcon, phone: false };

// Live classes: students join from their phones, so it takes a bottom-bar slot (their attendance history and the
// teachers' course list stay on the side nav and the home page).
const liveClasses: NavItem = { to: '/live-classes', label: 'nav.liveClasses', icon: VideoIcon };

// At most five per role on the phone's bottom bar (five 75 px tabs still fit a 375 px phone; `phone: false` keeps
// an item on the side nav only), so the bottom bar never needs a "more" menu.
export const NAV_BY_ROLE: Record<Role, readonly NavItem[]> = {
  student: [home, checkIn, { ...myAttendance, phone: false }, courses, liveClasses, profile],
  teacher: [home, attendance, liveClasses, { ...courses, phone: false }, profile],
  parent: [home, profile],
  admin: [home, users, rosterImport, attendanceReports, { ...liveClasses, phone: false }, operations, email, profile],
};
