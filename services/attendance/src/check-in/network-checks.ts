import { BlockList, isIP } from 'node:net';
import type { Geofence } from '@tec/shared';

const EARTH_RADIUS_M = 6_371_000;
/** A browser's accuracy counts in the student's favour, but only up to this, so "accuracy 5 km" can't pass. */
const MAX_ACCURACY_ALLOWANCE_M = 100;

export function distanceMeters(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export type GeofenceVerdict = { inside: true } | { inside: false; reason: 'no_position' | 'too_far'; distanceMeters?: number };

export function checkGeofence(fence: Geofence, position: { latitude?: number; longitude?: number; accuracyMeters?: number }): GeofenceVerdict {
  if (position.latitude === undefined || position.longitude === undefined) return { inside: false, reason: 'no_position' };
  const distance = distanceMeters(fence, { latitude: position.latitude, longitude: position.longitude });
  const allowance = Math.min(position.accuracyMeters ?? 0, MAX_ACCURACY_ALLOWANCE_M);
  if (distance <= fence.radiusMeters + allowance) return { inside: true };
  return { inside: false, reason: 'too_far', distanceMeters: Math.round(distance) };
}

/** Parses `10.0.0.0/8`, `192.168.1.20` or `2001:db8::/32`; null when it is none of them. */
function addRange(list: BlockList, range: string): boolean {
  const [address, prefix] = range.split('/');
  const family = isIP(address ?? '');
  if (!family) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (prefix === undefined) {
    list.addAddress(address!, type);
    return true;
  }
  const bits = Number(prefix);
  if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) return false;
  list.addSubnet(address!, bits, type);
  return true;
}

export function invalidRanges(ranges: string[]): string[] {
  return ranges.filter((range) => !addRange(new BlockList(), range));
}

/** An empty allow-list allows every address. IPv4-mapped IPv6 (`::ffff:10.0.0.5`) is read as IPv4. */
export function ipAllowed(ranges: string[], ip: string | null): boolean {
  if (ranges.length === 0) return true;
  if (!ip) return false;
  const list = new BlockList();
  for (const range of ranges) addRange(list, range);
  const plain = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  const family = isIP(plain);
  if (!family) return false;
  return list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
}
