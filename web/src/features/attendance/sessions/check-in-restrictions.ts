import type { Geofence } from '@tec/shared/contracts';

/** The form's state for a session's optional check-in restrictions (as typed: strings until saved). */
export interface RestrictionsDraft {
  geofenceOn: boolean;
  latitude: string;
  longitude: string;
  radiusMeters: string;
  /** One IPv4/IPv6 address or CIDR range per line (commas work too). */
  ipAllowList: string;
}

export type RestrictionsError = 'latitude' | 'longitude' | 'radius' | 'ipRange' | 'tooManyRanges';

export const DEFAULT_RADIUS_METERS = 100;

export function draftFromSession(session: { geofence: Geofence | null; ipAllowList: string[] } | null | undefined): RestrictionsDraft {
  const geofence = session?.geofence ?? null;
  return {
    geofenceOn: geofence !== null,
    latitude: geofence ? String(geofence.latitude) : '',
    longitude: geofence ? String(geofence.longitude) : '',
    radiusMeters: String(geofence?.radiusMeters ?? DEFAULT_RADIUS_METERS),
    ipAllowList: (session?.ipAllowList ?? []).join('\n'),
  };
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** A cheap shape check so typos are caught on the form; the service checks every range again. */
export function looksLikeIpRange(value: string): boolean {
  const [address = '', prefix, extra] = value.split('/');
  if (extra !== undefined) return false;
  const v4 = IPV4.test(address);
  const v6 = !v4 && address.includes(':') && /^[0-9a-f:.]+$/i.test(address) && address.length <= 45;
  if (!v4 && !v6) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (v4 ? 32 : 128);
}

export function parseRanges(text: string): string[] {
  return text
    .split(/[\n,]+/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/**
 * The request fields for a draft, or the first field in error. `geofence: null` clears a geofence on update;
 * an empty list clears the allow-list.
 */
export function restrictionsToRequest(draft: RestrictionsDraft): { ok: true; geofence: Geofence | null; ipAllowList: string[] } | { ok: false; error: RestrictionsError } {
  let geofence: Geofence | null = null;
  if (draft.geofenceOn) {
    const latitude = Number(draft.latitude);
    const longitude = Number(draft.longitude);
    const radiusMeters = Number(draft.radiusMeters);
    if (draft.latitude.trim() === '' || !Number.isFinite(latitude) || latitude < -90 || latitude > 90) return { ok: false, error: 'latitude' };
    if (draft.longitude.trim() === '' || !Number.isFinite(longitude) || longitude < -180 || longitude > 180) return { ok: false, error: 'longitude' };
    if (!Number.isInteger(radiusMeters) || radiusMeters < 10 || radiusMeters > 5000) return { ok: false, error: 'radius' };
    geofence = { latitude, longitude, radiusMeters };
  }
  const ranges = parseRanges(draft.ipAllowList);
  if (ranges.length > 20) return { ok: false, error: 'tooManyRanges' };
  if (ranges.some((range) => !looksLikeIpRange(range))) return { ok: false, error: 'ipRange' };
  return { ok: true, geofence, ipAllowList: ranges };
}
