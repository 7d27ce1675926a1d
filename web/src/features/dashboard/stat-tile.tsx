import type { ReactNode } from 'react';

interface StatTileProps {
  label: string;
  value: string;
  icon?: ReactNode;
  hint?: string;
}

export function StatTile({ label, value, icon, hint }: StatTileProps) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm font-medium text-slate-600">{label}</p>
        {icon && <span className="text-brand-700">{icon}</span>}
      </div>
      <p className="mt-2 text-2xl font-semibold text-slate-900 tabular-nums">{value}</p>
      {hint && <p className="mt-1 text-xs text-slate-600">{hint}</p>}
    </div>
  );
}
