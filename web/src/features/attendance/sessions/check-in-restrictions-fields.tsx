import { useState } from 'react';
import { t } from '../../../i18n';
import { Button } from '../../../ui/button';
import { TextAreaField, TextField } from '../../../ui/field';
import type { RestrictionsDraft, RestrictionsError } from './check-in-restrictions';

/**
 * The optional check-in restrictions of a session: a geofence (a point and a radius; "use my location" fills the
 * point from the teacher's device in the classroom) and an allow-list of the school's networks. Collapsed until
 * opened, so the common case stays a short form.
 */
export function CheckInRestrictionsFields({ value, onChange, error }: { value: RestrictionsDraft; onChange: (next: RestrictionsDraft) => void; error: RestrictionsError | null }) {
  const restricted = value.geofenceOn || value.ipAllowList.trim() !== '';
  const [open, setOpen] = useState(restricted || error !== null);
  const [locating, setLocating] = useState(false);
  const [locateError, setLocateError] = useState<string | null>(null);
  const set = (patch: Partial<RestrictionsDraft>) => onChange({ ...value, ...patch });

  const locate = () => {
    if (!('geolocation' in navigator)) return setLocateError(t('sessions.restrictions.noGeolocation'));
    setLocating(true);
    setLocateError(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        set({ geofenceOn: true, latitude: position.coords.latitude.toFixed(6), longitude: position.coords.longitude.toFixed(6) });
      },
      () => {
        setLocating(false);
        setLocateError(t('sessions.restrictions.locateFailed'));
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  return (
    <details open={open} onToggle={(event) => setOpen(event.currentTarget.open)} className="rounded-lg border border-slate-200 px-3 py-2 md:col-span-2">
      <summary className="flex min-h-11 cursor-pointer items-center text-sm font-medium text-slate-800">
        {t('sessions.restrictions.title')}
        {restricted && <span className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 text-xs text-brand-800">{t('sessions.restrictions.on')}</span>}
      </summary>
      <div className="grid gap-4 pb-2 pt-2 md:grid-cols-2">
        <p className="text-sm text-slate-600 md:col-span-2">{t('sessions.restrictions.intro')}</p>
        <label className="flex min-h-11 items-center gap-3 md:col-span-2">
          <input type="checkbox" checked={value.geofenceOn} onChange={(event) => set({ geofenceOn: event.target.checked })} className="size-5" />
          <span className="text-sm font-medium text-slate-800">{t('sessions.restrictions.geofence')}</span>
        </label>
        {value.geofenceOn && (
          <>
            <div className="grid grid-cols-2 gap-3 md:col-span-2">
              <TextField
                label={t('sessions.restrictions.latitude')}
                inputMode="decimal"
                value={value.latitude}
                onChange={(event) => set({ latitude: event.target.value })}
                error={error === 'latitude' ? t('sessions.restrictions.latitudeError') : undefined}
              />
              <TextField
                label={t('sessions.restrictions.longitude')}
                inputMode="decimal"
                value={value.longitude}
                onChange={(event) => set({ longitude: event.target.value })}
                error={error === 'longitude' ? t('sessions.restrictions.longitudeError') : undefined}
              />
            </div>
            <div className="flex flex-wrap items-center gap-3 md:col-span-2">
              <Button variant="secondary" onClick={locate} loading={locating}>
                {t('sessions.restrictions.useLocation')}
              </Button>
              {locateError && (
                <p role="alert" className="text-sm text-rose-700">
                  {locateError}
                </p>
              )}
            </div>
            <TextField
              label={t('sessions.restrictions.radius')}
              type="number"
              min={10}
              max={5000}
              step={10}
              value={value.radiusMeters}
              onChange={(event) => set({ radiusMeters: event.target.value })}
              hint={t('sessions.restrictions.radiusHint')}
              error={error === 'radius' ? t('sessions.restrictions.radiusError') : undefined}
            />
          </>
        )}
        <TextAreaField
          label={t('sessions.restrictions.networks')}
          fieldClassName="md:col-span-2"
          rows={3}
          placeholder="10.20.0.0/16"
          value={value.ipAllowList}
          onChange={(event) => set({ ipAllowList: event.target.value })}
          hint={t('sessions.restrictions.networksHint')}
          error={error === 'ipRange' ? t('sessions.restrictions.ipRangeError') : error === 'tooManyRanges' ? t('sessions.restrictions.tooManyRanges') : undefined}
        />
      </div>
    </details>
  );
}
