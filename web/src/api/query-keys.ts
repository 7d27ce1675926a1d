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

  health: () => ['public', 'health'] as const,
};
