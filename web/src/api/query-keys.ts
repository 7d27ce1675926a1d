/**
 * Every react-query key in the app. Keys start with their scope: the signed-in user's id for anything personal
 * (so one user's cached data can never answer for another) or `public` for what any visitor may see. Invalidating
 * `queryKeys.scope(userId)` therefore refreshes everything that user has loaded.
 */
export const queryKeys = {
  scope: (userId: string) => ['user', userId] as const,

  dashboard: (userId: string) => ['user', userId, 'dashboard'] as const,

  courses: {
    all: (userId: string) => ['user', userId, 'courses'] as const,
    list: (userId: string) => ['user', userId, 'courses', 'list'] as const,
    detail: (userId: string, courseId: string) => ['user', userId, 'courses', 'detail', courseId] as const,
    students: (userId: string, courseId: string) => ['user', userId, 'courses', 'detail', courseId, 'students'] as const,
  },

  adminUsers: {
    all: (userId: string) => ['user', userId, 'admin-users'] as const,
    search: (userId: string, search: string) => ['user', userId, 'admin-users', { search }] as const,
    erasures: (userId: string, subjectId: string) => ['user', userId, 'admin-users', 'erasures', subjectId] as const,
  },

  imports: {
    detail: (userId: string, importId: string) => ['user', userId, 'imports', importId] as const,
  },

  operations: {
    all: (userId: string) => ['user', userId, 'operations'] as const,
    health: (userId: string) => ['user', userId, 'operations', 'health'] as const,
    deadLetters: (userId: string, service: string) => ['user', userId, 'operations', 'dead-letters', service] as const,
  },

  notifications: {
    all: (userId: string) => ['user', userId, 'notifications'] as const,
    lists: (userId: string) => ['user', userId, 'notifications', 'list'] as const,
    list: (userId: string, filter: { unreadOnly: boolean; limit: number }) => ['user', userId, 'notifications', 'list', filter] as const,
    unreadCount: (userId: string) => ['user', userId, 'notifications', 'unread-count'] as const,
    preferences: (userId: string) => ['user', userId, 'notifications', 'preferences'] as const,
  },

  email: {
    all: (userId: string) => ['user', userId, 'email'] as const,
    templates: (userId: string) => ['user', userId, 'email', 'templates'] as const,
    template: (userId: string, name: string) => ['user', userId, 'email', 'templates', name] as const,
    preview: (userId: string, name: string, input: unknown) => ['user', userId, 'email', 'preview', name, input] as const,
    analytics: (userId: string, days: number) => ['user', userId, 'email', 'analytics', days] as const,
    queueStats: (userId: string) => ['user', userId, 'email', 'queue-stats'] as const,
    deliveries: (userId: string) => ['user', userId, 'email', 'deliveries'] as const,
    deliveryList: (userId: string, filter: { search: string; status: string }) => ['user', userId, 'email', 'deliveries', 'list', filter] as const,
    delivery: (userId: string, deliveryId: string) => ['user', userId, 'email', 'deliveries', 'detail', deliveryId] as const,
    deadContacts: (userId: string) => ['user', userId, 'email', 'dead-contacts'] as const,
    suppressionsAll: (userId: string) => ['user', userId, 'email', 'suppressions'] as const,
    suppressions: (userId: string, search: string) => ['user', userId, 'email', 'suppressions', { search }] as const,
  },

  attendance: {
    all: (userId: string) => ['user', userId, 'attendance'] as const,
    sessions: (userId: string, filter: { courseId?: string; from: string; to: string }) =>
      ['user', userId, 'attendance', 'sessions', filter] as const,
    session: (userId: string, sessionId: string) => ['user', userId, 'attendance', 'session', sessionId] as const,
    roster: (userId: string, sessionId: string) => ['user', userId, 'attendance', 'session', sessionId, 'roster'] as const,
    flagged: (userId: string, sessionId: string) => ['user', userId, 'attendance', 'session', sessionId, 'flagged'] as const,
    qr: (userId: string, sessionId: string) => ['user', userId, 'attendance', 'session', sessionId, 'qr'] as const,
    audit: (userId: string, filter: { sessionId?: string; studentId?: string }) => ['user', userId, 'attendance', 'audit', filter] as const,
    policy: (userId: string, courseId: string) => ['user', userId, 'attendance', 'policy', courseId] as const,
    statistics: (userId: string, courseId: string) => ['user', userId, 'attendance', 'statistics', courseId] as const,
    mine: (userId: string) => ['user', userId, 'attendance', 'me'] as const,
    report: (userId: string, query: object) => ['user', userId, 'attendance', 'report', query] as const,
    exemptions: (userId: string, filter: { status?: string; courseId?: string }) => ['user', userId, 'attendance', 'exemptions', filter] as const,
    evidence: (userId: string, exemptionId: string) => ['user', userId, 'attendance', 'evidence', exemptionId] as const,
  },

  parentPortal: {
    all: (userId: string) => ['user', userId, 'parent-portal'] as const,
    children: (userId: string) => ['user', userId, 'parent-portal', 'children'] as const,
    overview: (userId: string, studentId: string) => ['user', userId, 'parent-portal', 'overview', studentId] as const,
    alertsAll: (userId: string) => ['user', userId, 'parent-portal', 'alerts'] as const,
    alerts: (userId: string, filter: { studentId?: string; unreadOnly?: boolean }) => ['user', userId, 'parent-portal', 'alerts', filter] as const,
    alertSettings: (userId: string, studentId: string) => ['user', userId, 'parent-portal', 'alert-settings', studentId] as const,
    digestSettings: (userId: string) => ['user', userId, 'parent-portal', 'digest-settings'] as const,
    links: (userId: string, filter: { status?: string; studentId?: string }) => ['user', userId, 'parent-portal', 'links', filter] as const,
    linksAll: (userId: string) => ['user', userId, 'parent-portal', 'links'] as const,
    linkHistory: (userId: string, linkId: string) => ['user', userId, 'parent-portal', 'link-history', linkId] as const,
    pairingCodes: (userId: string, studentId?: string) => ['user', userId, 'parent-portal', 'pairing-codes', studentId ?? 'me'] as const,
    accessLog: (userId: string, studentId?: string) => ['user', userId, 'parent-portal', 'access-log', studentId ?? 'me'] as const,
    settings: (userId: string) => ['user', userId, 'parent-portal', 'settings'] as const,
  },

  chat: {
    all: (userId: string) => ['user', userId, 'chat'] as const,
    inboxes: (userId: string) => ['user', userId, 'chat', 'inbox'] as const,
    inbox: (userId: string, filter: object) => ['user', userId, 'chat', 'inbox', filter] as const,
    unreadTotal: (userId: string) => ['user', userId, 'chat', 'unread-total'] as const,
    conversation: (userId: string, conversationId: string) => ['user', userId, 'chat', 'conversation', conversationId] as const,
    messages: (userId: string, conversationId: string) => ['user', userId, 'chat', 'messages', conversationId] as const,
    search: (userId: string, q: string) => ['user', userId, 'chat', 'search', q] as const,
    contacts: (userId: string, q: string) => ['user', userId, 'chat', 'contacts', q] as const,
    reports: (userId: string, status: string) => ['user', userId, 'chat', 'reports', status] as const,
    attachment: (userId: string, attachmentId: string) => ['user', userId, 'chat', 'attachment', attachmentId] as const,
    attachmentThumbnail: (userId: string, attachmentId: string) => ['user', userId, 'chat', 'attachment', attachmentId, 'thumbnail'] as const,
    policy: (userId: string) => ['user', userId, 'chat', 'policy'] as const,
    safeguardingAll: (userId: string) => ['user', userId, 'chat', 'safeguarding'] as const,
    safeguarding: (userId: string, filter: { conversationId?: string; senderId?: string; courseId?: string; from?: string; to?: string; onlyDeleted: boolean }) =>
      ['user', userId, 'chat', 'safeguarding', filter] as const,
  },

  liveClasses: {
    all: (userId: string) => ['user', userId, 'live-classes'] as const,
    lists: (userId: string) => ['user', userId, 'live-classes', 'list'] as const,
    list: (userId: string, filter: { courseId?: string; from?: string; to?: string; includeCancelled?: boolean }) =>
      ['user', userId, 'live-classes', 'list', filter] as const,
    detail: (userId: string, classId: string) => ['user', userId, 'live-classes', 'class', classId] as const,
    questions: (userId: string, classId: string) => ['user', userId, 'live-classes', 'class', classId, 'questions'] as const,
    attendance: (userId: string, classId: string) => ['user', userId, 'live-classes', 'class', classId, 'attendance'] as const,
    recordings: (userId: string, filter: { courseId?: string; classId?: string }) => ['user', userId, 'live-classes', 'recordings', filter] as const,
    calendar: (userId: string) => ['user', userId, 'live-classes', 'calendar'] as const,
  },

  health: () => ['public', 'health'] as const,
  unsubscribe: (token: string) => ['public', 'unsubscribe', token] as const,
};
