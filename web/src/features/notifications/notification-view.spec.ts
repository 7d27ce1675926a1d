import type { NotificationView } from '../../api/notifications.api';
import { categoryLabelKey, internalPath, markRead } from './notification-view';

const item = (id: string, readAt: string | null = null): NotificationView => ({
  id,
  category: 'grades',
  title: `t${id}`,
  body: '',
  link: null,
  readAt,
  createdAt: '2026-03-01T10:00:00.000Z',
});

describe('notification view helpers', () => {
  it('marks the named notifications read, keeping earlier read times', () => {
    const items = [item('a'), item('b'), item('c', '2026-03-01T09:00:00.000Z')];
    const marked = markRead(items, ['a'], 'now');
    expect(marked.map((entry) => entry.readAt)).toEqual(['now', null, '2026-03-01T09:00:00.000Z']);
    expect(markRead(items, 'all', 'now').map((entry) => entry.readAt)).toEqual(['now', 'now', '2026-03-01T09:00:00.000Z']);
  });

  it('follows only in-app paths', () => {
    expect(internalPath('/courses/1')).toBe('/courses/1');
    expect(internalPath('https://evil.example')).toBeNull();
    expect(internalPath('//evil.example')).toBeNull();
    expect(internalPath('javascript:alert(1)')).toBeNull();
    expect(internalPath(null)).toBeNull();
  });

  it('labels known categories', () => {
    expect(categoryLabelKey('grades')).toBe('notifications.category.grades');
    expect(categoryLabelKey('brand_new')).toBeUndefined();
  });
});
