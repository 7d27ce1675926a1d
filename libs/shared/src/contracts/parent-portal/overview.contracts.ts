import { z } from 'zod';
import { defineRpc } from '../rpc-contract';
import { AccessLogEntry, AlertSettings, AlertType, ChildOverview, ChildSummary, DigestSettings, ParentAlert } from './parent-portal.dto';

const Child = z.object({ studentId: z.uuid() });

/** A parent's actively linked children, one card each. */
export const childrenList = defineRpc('parent-portal', 'childrenList', z.object({}), z.object({ items: z.array(ChildSummary) }));
/** The whole child page in one request; recorded in the child's access log. NOT_FOUND unless actively linked. */
export const childOverview = defineRpc('parent-portal', 'childOverview', Child, ChildOverview);

/** A parent's alerts, newest first, over all active children or one (`studentId`). */
export const alertsList = defineRpc(
  'parent-portal',
  'alertsList',
  z.object({
    studentId: z.uuid().optional(),
    type: AlertType.optional(),
    unreadOnly: z.coerce.boolean().default(false),
    limit: z.coerce.number().int().min(1).max(100).default(30),
    before: z.iso.datetime().optional(),
  }),
  z.object({ items: z.array(ParentAlert), unread: z.number().int(), nextBefore: z.iso.datetime().nullable() }),
);
/** Marks the given alerts (or all of one child, or all) read; only the parent's own. */
export const alertsMarkRead = defineRpc(
  'parent-portal',
  'alertsMarkRead',
  z.union([z.object({ alertIds: z.array(z.uuid()).min(1).max(200) }), z.object({ all: z.literal(true), studentId: z.uuid().optional() })]),
  z.object({ updated: z.number().int() }),
);

export const alertSettingsGet = defineRpc('parent-portal', 'alertSettingsGet', Child, AlertSettings.extend({ studentId: z.uuid(), isDefault: z.boolean() }));
export const alertSettingsUpdate = defineRpc(
  'parent-portal',
  'alertSettingsUpdate',
  Child.extend({ settings: AlertSettings }),
  AlertSettings.extend({ studentId: z.uuid(), isDefault: z.boolean() }),
);

export const digestSettingsGet = defineRpc('parent-portal', 'digestSettingsGet', z.object({}), DigestSettings);
export const digestSettingsUpdate = defineRpc('parent-portal', 'digestSettingsUpdate', DigestSettings, DigestSettings);

/** "Who accessed my data": a student's own log; an admin's for `studentId`. Newest first. */
export const accessLogList = defineRpc(
  'parent-portal',
  'accessLogList',
  z.object({ studentId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(200).default(50), before: z.iso.datetime().optional() }),
  z.object({ items: z.array(AccessLogEntry), nextBefore: z.iso.datetime().nullable() }),
);
