import type { Role } from '@tec/shared/contracts';
import type { ComponentType, SVGProps } from 'react';
import type { MessageKey } from '../i18n';
import { ActivityIcon, BookIcon, CalendarIcon, ClipboardIcon, HomeIcon, LinkIcon, MailIcon, UploadIcon, UserIcon, UsersIcon } from '../ui/icons';
import { ScanIcon } from '../features/attendance/shared/scan-icon';
import { VideoIcon } from '../features/live-classes/video-icon';
import { ChatIcon, ShieldIcon, SlidersIcon } from '../features/chat/chat-icon';
import { ChatNavBadge } from '../features/chat/chat-nav-badge';

export interface NavItem {
  to: string;
  label: MessageKey;
  icon: ComponentType<SVGProps<SVGSVGElement>>;
  /** Only the exact path counts as active (the home link would otherwise match every page). */
  end?: boolean;
  /** False: side nav only, kept off the phone's bottom bar (which holds five at most). */
  phone?: boolean;
  /** A live count shown beside the label (the unread messages). */
  badge?: ComponentType;
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

// Messages: the unread total as a badge. Admins moderate from a laptop, so it stays off their full bottom bar.
const messages: NavItem = { to: '/messages', label: 'nav.messages', icon: ChatIcon, badge: ChatNavBadge };
const studentCourses: NavItem = { ...courses, phone: false };
// Admins: the chat safeguarding review and the chat safety policy, laptop work (side nav only).
const chatSafeguarding: NavItem = { to: '/admin/chat/safeguarding', label: 'nav.chatSafeguarding', icon: ShieldIcon, phone: false };
const chatPolicy: NavItem = { to: '/admin/chat/policy', label: 'nav.chatPolicy', icon: SlidersIcon, phone: false };

// Live classes: students join from their phones, so it takes a bottom-bar slot (their attendance history and the
// teachers' course list stay on the side nav and the home page).
const liveClasses: NavItem = { to: '/live-classes', label: 'nav.liveClasses', icon: VideoIcon };

// Parent portal: a parent links children by code; a student's family & privacy page and the approvers' queue are
// side-nav only (the phone bottom bars are full).
const familyLink: NavItem = { to: '/family/link', label: 'nav.family', icon: LinkIcon };
const familyPrivacy: NavItem = { to: '/family-privacy', label: 'nav.familyPrivacy', icon: LinkIcon, phone: false };
const parentLinks: NavItem = { to: '/parent-links', label: 'nav.parentLinks', icon: LinkIcon, phone: false };

// At most five per role on the phone's bottom bar (five 75 px tabs still fit a 375 px phone; `phone: false` keeps
// an item on the side nav only), so the bottom bar never needs a "more" menu.
export const NAV_BY_ROLE: Record<Role, readonly NavItem[]> = {
  student: [home, checkIn, messages, { ...myAttendance, phone: false }, studentCourses, liveClasses, familyPrivacy, profile],
  teacher: [home, attendance, messages, liveClasses, { ...courses, phone: false }, parentLinks, profile],
  parent: [home, familyLink, messages, profile],
  admin: [home, users, rosterImport, attendanceReports, { ...messages, phone: false }, chatSafeguarding, chatPolicy, { ...liveClasses, phone: false }, operations, email, parentLinks, profile],
};
