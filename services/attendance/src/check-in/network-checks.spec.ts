import { checkGeofence, distanceMeters, invalidRanges, ipAllowed } from './network-checks';

describe('network and position checks', () => {
  const fence = { latitude: 25.6516, longitude: -100.2895, radiusMeters: 100 };

  it('measures great-circle distance', () => {
    expect(Math.round(distanceMeters({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 1 }))).toBe(111195);
  });

  it('accepts positions inside the fence, counting the reported accuracy up to 100 m', () => {
    expect(checkGeofence(fence, { latitude: 25.6516, longitude: -100.2895 })).toEqual({ inside: true });
    expect(checkGeofence(fence, { latitude: 25.6533, longitude: -100.2895, accuracyMeters: 100 }).inside).toBe(true); // ~190 m
    expect(checkGeofence(fence, { latitude: 25.6533, longitude: -100.2895, accuracyMeters: 5000 }).inside).toBe(true);
    expect(checkGeofence(fence, { latitude: 25.6546, longitude: -100.2895, accuracyMeters: 5000 }).inside).toBe(false); // ~330 m
    expect(checkGeofence(fence, {})).toEqual({ inside: false, reason: 'no_position' });
  });

  it('checks IPv4, IPv6 and IPv4-mapped addresses against CIDR ranges', () => {
    expect(ipAllowed([], null)).toBe(true);
    expect(ipAllowed(['10.0.0.0/8'], '10.20.30.40')).toBe(true);
    expect(ipAllowed(['10.0.0.0/8'], '::ffff:10.20.30.40')).toBe(true);
    expect(ipAllowed(['10.0.0.0/8'], '11.0.0.1')).toBe(false);
    expect(ipAllowed(['2001:db8::/32'], '2001:db8::1')).toBe(true);
    expect(ipAllowed(['192.168.1.20'], '192.168.1.20')).toBe(true);
    expect(ipAllowed(['10.0.0.0/8'], null)).toBe(false);
    expect(invalidRanges(['10.0.0.0/8', 'nonsense', '10.0.0.0/40'])).toEqual(['nonsense', '10.0.0.0/40']);
  });
});
