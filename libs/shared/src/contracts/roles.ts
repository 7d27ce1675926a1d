import { z } from 'zod';

export const ROLES = ['student', 'teacher', 'parent', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Scopes an integrator API key may hold. */
export const API_KEY_SCOPES = [
  'users:read',
  'users:write',
  'courses:read',
  'courses:write',
  'enrollments:write',
  'grades:write',
  'events:write',
] as const;
export const ApiKeyScope = z.enum(API_KEY_SCOPES);
export type ApiKeyScope = z.infer<typeof ApiKeyScope>;
