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

  health: () => ['public', 'health'] as const,
  unsubscribe: (token: string) => ['public', 'unsubscribe', token] as const,
};
