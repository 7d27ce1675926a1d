// Contracts of the parent portal: DTOs, RPC contracts (`parentPortalRpc`) and events (`parentPortalEvents`).
import { parentPortalAlertEvents } from './alerts.events';
import {
  linkApprove,
  linkConsent,
  linkCreate,
  linkHistory,
  linkRedeem,
  linkReject,
  linkRevoke,
  linksList,
  pairingCodeCreate,
  pairingCodeRevoke,
  pairingCodesList,
  settingsGet,
  settingsUpdate,
} from './links.contracts';
import { parentPortalLinkEvents } from './links.events';
import {
  accessLogList,
  alertSettingsGet,
  alertSettingsUpdate,
  alertsList,
  alertsMarkRead,
  childOverview,
  childrenList,
  digestSettingsGet,
  digestSettingsUpdate,
} from './overview.contracts';

export * from './alerts.events';
export * from './links.contracts';
export * from './links.events';
export * from './overview.contracts';
export * from './parent-portal.dto';

/** Every event the parent portal publishes. Subjects are persisted contracts: add v2, never rename. */
export const parentPortalEvents = { ...parentPortalLinkEvents, ...parentPortalAlertEvents } as const;
export type ParentPortalEvents = typeof parentPortalEvents;

/** Every RPC the parent portal answers, `rpc.parent-portal.<action>`. Patterns are persisted contracts: add `<action>V2`, never rename. */
export const parentPortalRpc = {
  pairingCodeCreate,
  pairingCodesList,
  pairingCodeRevoke,
  linkRedeem,
  linkCreate,
  linksList,
  linkApprove,
  linkReject,
  linkRevoke,
  linkConsent,
  linkHistory,
  settingsGet,
  settingsUpdate,
  childrenList,
  childOverview,
  alertsList,
  alertsMarkRead,
  alertSettingsGet,
  alertSettingsUpdate,
  digestSettingsGet,
  digestSettingsUpdate,
  accessLogList,
} as const;
