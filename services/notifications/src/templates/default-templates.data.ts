import type { NotificationCategory } from '@tec/shared';

export interface DefaultTemplate {
  name: string;
  category: NotificationCategory;
  description: string;
  subject: string;
  html: string;
  text: string;
  variables: { name: string; required: boolean; description: string }[];
  sampleData: Record<string, unknown>;
}

const v = (name: string, description: string, required = true) => ({ name, required, description });
const button = (link: string, label: string) =>
  `<p style="margin:24px 0"><a href="{{${link}}}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:6px;font-weight:600">${label}</a></p>`;
const h2 = (title: string) => `<h2 style="margin:0 0 12px 0;font-size:20px;line-height:1.3">${title}</h2>`;

/**
 * Seeded on boot when absent (version 1); admins' edits are never overwritten. The plan's six come first, then
 * the ones the other capabilities need. Links are app paths or absolute URLs.
 */
export const DEFAULT_TEMPLATES: DefaultTemplate[] = [
  {
    name: 'forum_reply',
    category: 'forum',
    description: 'Someone replied to a discussion you started.',
    subject: 'New reply to your discussion: {{thread_title}}',
    html: `${h2('New reply in {{course_name}}')}<p>Hi {{student_name}},</p><p><strong>{{replier_name}}</strong> replied to your discussion <em>{{thread_title}}</em>:</p><blockquote style="margin:12px 0;padding:8px 12px;border-left:4px solid #d1d5db;color:#374151">{{reply_text}}</blockquote>${button('discussion_link', 'View discussion')}`,
    text: 'New reply in {{course_name}}\n\nHi {{student_name}},\n\n{{replier_name}} replied to your discussion "{{thread_title}}":\n\n{{reply_text}}\n\nView discussion: {{discussion_link}}',
    variables: [v('student_name', 'First name of the thread author'), v('course_name', 'Course title'), v('thread_title', 'Thread title'), v('replier_name', 'Who replied'), v('reply_text', 'The reply'), v('discussion_link', 'Link to the thread')],
    sampleData: { student_name: 'Ana', course_name: 'Mathematics 12A', thread_title: 'Limits homework', replier_name: 'Ms. Rivera', reply_text: 'Check exercise 4 again.', discussion_link: '/courses' },
  },
  {
    name: 'certificate_issued',
    category: 'achievements',
    description: 'A course certificate was issued.',
    subject: 'Congratulations! You earned a certificate in {{course_name}}',
    html: `${h2('Certificate earned! 🏆')}<p>Hi {{student_name}},</p><p>Congratulations on completing <strong>{{course_name}}</strong>!</p><p>Your certificate is ready to download and share.</p>${button('certificate_link', 'View certificate')}`,
    text: 'Certificate earned!\n\nHi {{student_name}},\n\nCongratulations on completing {{course_name}}! Your certificate is ready to download and share.\n\nView certificate: {{certificate_link}}',
    variables: [v('student_name', 'First name'), v('course_name', 'Course title'), v('certificate_link', 'Link to the certificate')],
    sampleData: { student_name: 'Ana', course_name: 'Physics 12', certificate_link: '/certificates' },
  },
  {
    name: 'quiz_graded',
    category: 'grades',
    description: 'A quiz was graded.',
    subject: 'Your quiz {{quiz_name}} has been graded',
    html: `${h2('Quiz graded')}<p>Hi {{student_name}},</p><p>Your quiz <strong>{{quiz_name}}</strong> in {{course_name}} has been graded.</p><p style="font-size:18px"><strong>Score: {{score}}/{{total_points}}</strong> ({{percentage}}%)</p>${button('quiz_link', 'View details')}`,
    text: 'Quiz graded\n\nHi {{student_name}},\n\nYour quiz {{quiz_name}} in {{course_name}} has been graded.\nScore: {{score}}/{{total_points}} ({{percentage}}%)\n\nView details: {{quiz_link}}',
    variables: [v('student_name', 'First name'), v('quiz_name', 'Quiz'), v('course_name', 'Course title'), v('score', 'Points scored'), v('total_points', 'Points possible'), v('percentage', 'Score in percent'), v('quiz_link', 'Link to the result')],
    sampleData: { student_name: 'Ana', quiz_name: 'Derivatives', course_name: 'Mathematics 12A', score: 18, total_points: 20, percentage: 90, quiz_link: '/courses' },
  },
  {
    name: 'path_milestone',
    category: 'achievements',
    description: 'Another course of a learning path was completed.',
    subject: 'Milestone achieved in {{path_name}}!',
    html: `${h2('Path milestone 🎯')}<p>Hi {{student_name}},</p><p>You've completed {{completed_courses}} courses in <strong>{{path_name}}</strong>!</p>${button('path_link', 'Continue learning')}`,
    text: "Path milestone\n\nHi {{student_name}},\n\nYou've completed {{completed_courses}} courses in {{path_name}}!\n\nContinue learning: {{path_link}}",
    variables: [v('student_name', 'First name'), v('path_name', 'Learning path'), v('completed_courses', 'Courses completed so far'), v('path_link', 'Link to the path')],
    sampleData: { student_name: 'Ana', path_name: 'STEM foundations', completed_courses: 3, path_link: '/' },
  },
  {
    name: 'attendance_alert',
    category: 'attendance',
    description: 'A class starts soon: mark your attendance.',
    subject: 'Attendance reminder for {{class_name}}',
    html: `${h2('Mark your attendance')}<p>Hi {{student_name}},</p><p><strong>{{class_name}}</strong> starts at {{start_time}}.</p>${button('attendance_link', 'Mark present')}`,
    text: 'Mark your attendance\n\nHi {{student_name}},\n\n{{class_name}} starts at {{start_time}}.\n\nMark present: {{attendance_link}}',
    variables: [v('student_name', 'First name'), v('class_name', 'Class'), v('start_time', 'Local start time'), v('attendance_link', 'Check-in link')],
    sampleData: { student_name: 'Ana', class_name: 'Mathematics 12A', start_time: '09:00', attendance_link: '/attendance' },
  },
  {
    name: 'live_class_starts',
    category: 'live_classes',
    description: 'A live class is starting (soon or now).',
    subject: 'Live class {{class_name}} {{starts_when}}!',
    html: `${h2('Live class starting 🎥')}<p>Hi {{student_name}},</p><p><strong>{{class_name}}</strong> by {{teacher_name}} {{starts_when}}.</p>${button('class_link', 'Join class')}`,
    text: 'Live class starting\n\nHi {{student_name}},\n\n{{class_name}} by {{teacher_name}} {{starts_when}}.\n\nJoin class: {{class_link}}',
    variables: [v('student_name', 'First name'), v('class_name', 'Class'), v('teacher_name', 'Teacher'), v('starts_when', '"is starting now" or "starts in 10 minutes"'), v('class_link', 'Join link')],
    sampleData: { student_name: 'Ana', class_name: 'Chemistry lab', teacher_name: 'Mr. Chen', starts_when: 'is starting now', class_link: '/live' },
  },
  {
    name: 'recording_ready',
    category: 'live_classes',
    description: 'The recording of a live class is available to the course.',
    subject: 'Recording available: {{class_name}}',
    html: `${h2('Recording available 🎬')}<p>Hi {{student_name}},</p><p>The recording of <strong>{{class_name}}</strong> ({{course_name}}) is ready to watch. {{duration}}</p>${button('recording_link', 'Watch the recording')}`,
    text: 'Recording available\n\nHi {{student_name}},\n\nThe recording of {{class_name}} ({{course_name}}) is ready to watch. {{duration}}\n\nWatch: {{recording_link}}',
    variables: [v('student_name', 'First name'), v('class_name', 'Class'), v('course_name', 'Course'), v('duration', 'e.g. "62 minutes" (may be empty)', false), v('recording_link', 'Link to the recording in the app')],
    sampleData: { student_name: 'Ana', class_name: 'Chemistry lab', course_name: 'Chemistry 12', duration: '62 minutes', recording_link: '/live-classes' },
  },
  {
    name: 'absence_notice',
    category: 'absence',
    description: 'Told to guardians when a minor is marked absent (critical: cannot be turned off).',
    subject: '{{student_name}} was marked absent from {{class_name}}',
    html: `${h2('Absence notice')}<p>Hello {{guardian_name}},</p><p><strong>{{student_name}}</strong> was marked <strong>absent</strong> from {{class_name}} on {{class_date}}.</p><p>If this is unexpected, please contact the school.</p>${button('details_link', 'See attendance')}`,
    text: 'Absence notice\n\nHello {{guardian_name}},\n\n{{student_name}} was marked absent from {{class_name}} on {{class_date}}.\nIf this is unexpected, please contact the school.\n\nSee attendance: {{details_link}}',
    variables: [v('guardian_name', 'Guardian first name'), v('student_name', 'Student full name'), v('class_name', 'Class'), v('class_date', 'Local date'), v('details_link', 'Link to the attendance page')],
    sampleData: { guardian_name: 'María', student_name: 'Ana López', class_name: 'Mathematics 12A', class_date: 'Monday 3 March', details_link: '/parent' },
  },
  {
    name: 'low_attendance',
    category: 'attendance',
    description: 'Attendance in a course fell below the threshold.',
    subject: 'Attendance in {{course_name}} is at {{attendance_rate}}%',
    html: `${h2('Low attendance')}<p>Hi {{recipient_name}},</p><p>Attendance of <strong>{{student_name}}</strong> in {{course_name}} is at <strong>{{attendance_rate}}%</strong>, below the {{threshold}}% the school expects.</p>${button('details_link', 'See attendance')}`,
    text: 'Low attendance\n\nHi {{recipient_name}},\n\nAttendance of {{student_name}} in {{course_name}} is at {{attendance_rate}}%, below the {{threshold}}% the school expects.\n\nSee attendance: {{details_link}}',
    variables: [v('recipient_name', 'First name'), v('student_name', 'Student'), v('course_name', 'Course'), v('attendance_rate', 'Rate in percent'), v('threshold', 'Threshold in percent'), v('details_link', 'Link')],
    sampleData: { recipient_name: 'Ana', student_name: 'Ana López', course_name: 'Mathematics 12A', attendance_rate: 72, threshold: 80, details_link: '/attendance' },
  },
  {
    name: 'parent_alert',
    category: 'parent_alerts',
    description: 'An alert about a linked child (grade, missing work, attendance).',
    subject: '{{alert_title}}: {{student_name}}',
    html: `${h2('{{alert_title}}')}<p>Hello {{guardian_name}},</p><p>{{alert_text}}</p>${button('details_link', 'Open the parent portal')}`,
    text: '{{alert_title}}\n\nHello {{guardian_name}},\n\n{{alert_text}}\n\nOpen the parent portal: {{details_link}}',
    variables: [v('guardian_name', 'Guardian first name'), v('student_name', 'Child'), v('alert_title', 'Short title'), v('alert_text', 'What happened'), v('details_link', 'Link')],
    sampleData: { guardian_name: 'María', student_name: 'Ana López', alert_title: 'Missing assignment', alert_text: 'Ana has not handed in "Limits homework", due yesterday.', details_link: '/parent' },
  },
  {
    name: 'link_request',
    category: 'parent_alerts',
    description: 'A guardian asked to be linked to a student.',
    subject: '{{guardian_name}} asked to link to {{student_name}}',
    html: `${h2('Parent link request')}<p>Hi {{recipient_name}},</p><p><strong>{{guardian_name}}</strong> ({{guardian_email}}) asked to be linked to <strong>{{student_name}}</strong> as their guardian.</p>${button('review_link', 'Review the request')}`,
    text: 'Parent link request\n\nHi {{recipient_name}},\n\n{{guardian_name}} ({{guardian_email}}) asked to be linked to {{student_name}} as their guardian.\n\nReview the request: {{review_link}}',
    variables: [v('recipient_name', 'First name'), v('guardian_name', 'Guardian'), v('guardian_email', 'Guardian email'), v('student_name', 'Student'), v('review_link', 'Link')],
    sampleData: { recipient_name: 'Admin', guardian_name: 'María López', guardian_email: 'maria@example.com', student_name: 'Ana López', review_link: '/admin' },
  },
  {
    name: 'guardian_digest',
    category: 'parent_alerts',
    description: 'The parent portal’s weekly (and optional weekday) summary of every linked child.',
    subject: 'Your {{period}} summary: {{children_names}}',
    html: `${h2('Your {{period}} summary')}<p>Hello {{guardian_name}},</p>{{#children}}<h3 style="margin:20px 0 6px 0;font-size:16px">{{name}}</h3><p style="margin:0 0 6px 0">{{attendance_line}}</p><ul style="padding-left:20px;margin:6px 0 12px 0">{{#lines}}<li style="margin:0 0 6px 0">{{text}}</li>{{/lines}}</ul>{{/children}}<p>{{messages_line}}</p>${button('portal_link', 'Open the parent portal')}`,
    text: 'Your {{period}} summary\n\nHello {{guardian_name}},\n{{#children}}\n{{name}}\n{{attendance_line}}\n{{#lines}}- {{text}}\n{{/lines}}{{/children}}\n{{messages_line}}\n\nOpen the parent portal: {{portal_link}}',
    variables: [
      v('guardian_name', 'Guardian first name'),
      v('period', '"daily" or "weekly"'),
      v('children_names', 'First names of the children'),
      v('children', 'List of {name, attendance_line, lines: [{text}]}'),
      v('messages_line', 'Unread teacher messages, when chat could say', false),
      v('portal_link', 'Link'),
    ],
    sampleData: {
      guardian_name: 'María',
      period: 'weekly',
      children_names: 'Ana, Luis',
      children: [
        { name: 'Ana López', attendance_line: 'Attendance 90% over 10 classes, 1 absence.', lines: [{ text: 'Grade: Essay 2 (History) 85%' }, { text: 'Missing: Lab report (Chemistry)' }] },
        { name: 'Luis López', attendance_line: 'Attendance 100% over 8 classes, 0 absences.', lines: [{ text: 'Live class: Vectors (Physics) Tue 2 Dec, 09:00' }] },
      ],
      messages_line: '2 unread messages from teachers.',
      portal_link: '/parent',
    },
  },
  {
    name: 'digest',
    category: 'system',
    description: 'Daily or weekly digest of the notifications a user chose to batch.',
    subject: 'Your {{period}} digest: {{count}} updates',
    html: `${h2('Your {{period}} digest')}<p>Hi {{recipient_name}}, here is what happened:</p><ul style="padding-left:20px;margin:12px 0">{{#items}}<li style="margin:0 0 12px 0"><strong>{{title}}</strong><br><span style="color:#374151">{{body}}</span></li>{{/items}}</ul>${button('app_link', 'Open TEC LMS')}`,
    text: 'Your {{period}} digest\n\nHi {{recipient_name}}, here is what happened:\n\n{{#items}}- {{title}}: {{body}}\n{{/items}}\nOpen TEC LMS: {{app_link}}',
    variables: [v('recipient_name', 'First name'), v('period', '"daily" or "weekly"'), v('count', 'Number of updates'), v('items', 'List of {title, body}'), v('app_link', 'Link')],
    sampleData: { recipient_name: 'Ana', period: 'daily', count: 2, items: [{ title: 'Quiz graded', body: 'Derivatives: 18/20' }, { title: 'New reply', body: 'Ms. Rivera replied in Limits homework' }], app_link: '/' },
  },
  {
    name: 'message_digest',
    category: 'messages',
    description: 'Unread chat messages while you were offline.',
    subject: 'You have {{count}} unread messages',
    html: `${h2('Unread messages')}<p>Hi {{recipient_name}}, you have {{count}} unread messages:</p><ul style="padding-left:20px;margin:12px 0">{{#items}}<li style="margin:0 0 12px 0"><strong>{{sender}}</strong>: {{preview}}</li>{{/items}}</ul>${button('messages_link', 'Open messages')}`,
    text: 'Unread messages\n\nHi {{recipient_name}}, you have {{count}} unread messages:\n\n{{#items}}- {{sender}}: {{preview}}\n{{/items}}\nOpen messages: {{messages_link}}',
    variables: [v('recipient_name', 'First name'), v('count', 'Unread count'), v('items', 'List of {sender, preview}'), v('messages_link', 'Link')],
    sampleData: { recipient_name: 'Ana', count: 2, items: [{ sender: 'Ms. Rivera', preview: 'See you at 9' }], messages_link: '/messages' },
  },
  {
    name: 'grade_recorded',
    category: 'grades',
    description: 'An assignment was graded.',
    subject: 'New grade in {{course_name}}: {{assignment_title}}',
    html: `${h2('New grade')}<p>Hi {{student_name}},</p><p><strong>{{assignment_title}}</strong> in {{course_name}}: <strong>{{score}}/{{max_score}}</strong> ({{percentage}}%).</p><p>{{feedback}}</p>${button('grade_link', 'View grade')}`,
    text: 'New grade\n\nHi {{student_name}},\n\n{{assignment_title}} in {{course_name}}: {{score}}/{{max_score}} ({{percentage}}%).\n{{feedback}}\n\nView grade: {{grade_link}}',
    variables: [v('student_name', 'First name'), v('course_name', 'Course'), v('assignment_title', 'Assignment'), v('score', 'Score'), v('max_score', 'Maximum'), v('percentage', 'Percent'), v('feedback', 'Teacher feedback', false), v('grade_link', 'Link')],
    sampleData: { student_name: 'Ana', course_name: 'History', assignment_title: 'Essay 2', score: 8.5, max_score: 10, percentage: 85, feedback: 'Well argued.', grade_link: '/' },
  },
  {
    name: 'assignment_missing',
    category: 'coursework',
    description: 'An assignment passed its due date without a submission.',
    subject: 'Missing: {{assignment_title}} in {{course_name}}',
    html: `${h2('Missing assignment')}<p>Hi {{student_name}},</p><p><strong>{{assignment_title}}</strong> in {{course_name}} was due {{due_at}} and has not been handed in.</p>${button('assignment_link', 'Open the assignment')}`,
    text: 'Missing assignment\n\nHi {{student_name}},\n\n{{assignment_title}} in {{course_name}} was due {{due_at}} and has not been handed in.\n\nOpen the assignment: {{assignment_link}}',
    variables: [v('student_name', 'First name'), v('course_name', 'Course'), v('assignment_title', 'Assignment'), v('due_at', 'Local due date'), v('assignment_link', 'Link')],
    sampleData: { student_name: 'Ana', course_name: 'History', assignment_title: 'Essay 3', due_at: 'Friday 23:59', assignment_link: '/' },
  },
  {
    name: 'test_email',
    category: 'system',
    description: 'Checks that email delivery works (Admin → Email → Send test).',
    subject: 'TEC LMS test email',
    html: `${h2('It works')}<p>Hi {{recipient_name}}, this is a test email from TEC LMS.</p>`,
    text: 'It works\n\nHi {{recipient_name}}, this is a test email from TEC LMS.',
    variables: [v('recipient_name', 'First name')],
    sampleData: { recipient_name: 'Admin' },
  },
];
