import { request } from './client';
import type { CourseStudent, CourseSummary, ItemList } from './types';

export function listMyCourses(signal?: AbortSignal): Promise<ItemList<CourseSummary>> {
  return request<ItemList<CourseSummary>>('/courses', { signal });
}

export function getCourse(courseId: string, signal?: AbortSignal): Promise<CourseSummary> {
  return request<CourseSummary>(`/courses/${encodeURIComponent(courseId)}`, { signal });
}

export function listCourseStudents(courseId: string, signal?: AbortSignal): Promise<ItemList<CourseStudent>> {
  return request<ItemList<CourseStudent>>(`/courses/${encodeURIComponent(courseId)}/students`, { signal });
}
