import { type KeyboardEvent, useRef } from 'react';
import { cx } from '../../ui/class-names';

interface FilterTabsProps<T extends string> {
  label: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
  testId?: string;
}

/**
 * A row of pill tabs that filter the list below (the moderation queue's status, the safeguarding review's scope).
 * One tab stop; the arrow keys, Home and End move between the tabs and choose at once.
 */
export function FilterTabs<T extends string>({ label, options, value, onChange, testId }: FilterTabsProps<T>) {
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = options.findIndex((option) => option.value === value);
    const next =
      event.key === 'ArrowRight' ? (current + 1) % options.length
      : event.key === 'ArrowLeft' ? (current - 1 + options.length) % options.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? options.length - 1
      : -1;
    if (next < 0) return;
    event.preventDefault();
    onChange(options[next]!.value);
    tabs.current[next]?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className="flex flex-wrap gap-2" onKeyDown={onKeyDown} data-testid={testId}>
      {options.map((option, index) => {
        const selected = option.value === value;
        return (
          <button
            key={option.value}
            ref={(element) => {
              tabs.current[index] = element;
            }}
            role="tab"
            type="button"
            aria-selected={selected}
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(option.value)}
            data-value={option.value}
            className={cx(
              'rounded-lg px-3 py-1.5 text-sm font-medium',
              selected ? 'bg-brand-700 text-white' : 'text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50',
            )}
          >
            {option.label}
          </button>
        );
      })}
    </div>
  );
}
