import { useFormat } from '../i18n/use-format';
import { addDays, formatDayKey } from './calendar';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/**
 * ISO weekdays (1 = Monday … 7 = Sunday) as toggle chips, labelled in the user's language; for the weekly series of
 * class sessions and of live classes. Large touch targets (44 px) for phones.
 */
export function WeekdayPicker({
  legend,
  value,
  onChange,
  error,
  errorId,
  className = 'md:col-span-2',
}: {
  legend: string;
  value: number[];
  onChange: (weekdays: number[]) => void;
  error?: string;
  errorId?: string;
  className?: string;
}) {
  const format = useFormat();
  return (
    <fieldset className={className} aria-describedby={error && errorId ? errorId : undefined} data-testid="weekday-picker">
      <legend className="mb-1.5 text-sm font-medium text-slate-800">{legend}</legend>
      <div className="flex flex-wrap gap-2">
        {WEEKDAYS.map((weekday) => {
          // 2024-01-01 was a Monday: label each ISO weekday in the user's language.
          const label = formatDayKey(addDays('2024-01-01', weekday - 1), format.context.locale, { weekday: 'short' });
          const checked = value.includes(weekday);
          return (
            <label key={weekday} className="cursor-pointer">
              <input
                type="checkbox"
                className="peer sr-only"
                checked={checked}
                onChange={() => onChange(checked ? value.filter((day) => day !== weekday) : [...value, weekday].sort((a, b) => a - b))}
              />
              <span className="flex h-11 min-w-14 items-center justify-center rounded-lg border border-slate-300 px-3 text-sm font-medium peer-checked:border-brand-700 peer-checked:bg-brand-700 peer-checked:text-white peer-focus-visible:ring-2 peer-focus-visible:ring-brand-600">
                {label}
              </span>
            </label>
          );
        })}
      </div>
      {error && (
        <p id={errorId} className="mt-1.5 text-sm text-rose-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
