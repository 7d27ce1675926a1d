import { draftFromSession, looksLikeIpRange, parseRanges, restrictionsToRequest, type RestrictionsDraft } from './check-in-restrictions';

const base: RestrictionsDraft = { geofenceOn: false, latitude: '', longitude: '', radiusMeters: '100', ipAllowList: '' };

describe('check-in restrictions form logic', () => {
  it('round-trips a session with a geofence and an allow-list', () => {
    const draft = draftFromSession({ geofence: { latitude: 25.6866, longitude: -100.3161, radiusMeters: 150 }, ipAllowList: ['10.0.0.0/8', '2001:db8::/32'] });
    expect(draft).toEqual({ geofenceOn: true, latitude: '25.6866', longitude: '-100.3161', radiusMeters: '150', ipAllowList: '10.0.0.0/8\n2001:db8::/32' });
    expect(restrictionsToRequest(draft)).toEqual({ ok: true, geofence: { latitude: 25.6866, longitude: -100.3161, radiusMeters: 150 }, ipAllowList: ['10.0.0.0/8', '2001:db8::/32'] });
  });

  it('sends null and an empty list when nothing is restricted (so an edit clears them)', () => {
    expect(restrictionsToRequest(draftFromSession(null))).toEqual({ ok: true, geofence: null, ipAllowList: [] });
  });

  it('names the first field in error', () => {
    expect(restrictionsToRequest({ ...base, geofenceOn: true, latitude: '', longitude: '1' })).toEqual({ ok: false, error: 'latitude' });
    expect(restrictionsToRequest({ ...base, geofenceOn: true, latitude: '91', longitude: '1' })).toEqual({ ok: false, error: 'latitude' });
    expect(restrictionsToRequest({ ...base, geofenceOn: true, latitude: '45', longitude: '-181' })).toEqual({ ok: false, error: 'longitude' });
    expect(restrictionsToRequest({ ...base, geofenceOn: true, latitude: '45', longitude: '2', radiusMeters: '5' })).toEqual({ ok: false, error: 'radius' });
    expect(restrictionsToRequest({ ...base, geofenceOn: true, latitude: '45', longitude: '2', radiusMeters: '12.5' })).toEqual({ ok: false, error: 'radius' });
    expect(restrictionsToRequest({ ...base, ipAllowList: '10.0.0.0/8\nschool wifi' })).toEqual({ ok: false, error: 'ipRange' });
    expect(restrictionsToRequest({ ...base, ipAllowList: Array.from({ length: 21 }, (_, index) => `10.0.${index}.0/24`).join('\n') })).toEqual({ ok: false, error: 'tooManyRanges' });
  });

  it('accepts addresses and CIDR ranges of both families, one per line or comma separated', () => {
    expect(parseRanges(' 10.1.2.3 ,\n\n192.168.0.0/16\n')).toEqual(['10.1.2.3', '192.168.0.0/16']);
    for (const good of ['10.1.2.3', '0.0.0.0/0', '192.168.0.0/16', '::1', '2001:db8::/32', 'fe80::1/128']) expect(looksLikeIpRange(good)).toBe(true);
    for (const bad of ['10.1.2', '256.1.1.1', '10.0.0.0/33', '2001:db8::/129', '10.0.0.0/8/1', 'example.com', '10.0.0.0/']) expect(looksLikeIpRange(bad)).toBe(false);
  });
});
