import type { RosterImport } from '../../api/types';
import { t } from '../../i18n';

export function ImportErrorsTable({ errors }: { errors: RosterImport['errors'] }) {
  if (errors.length === 0) return null;
  const sorted = [...errors].sort((a, b) => a.row - b.row);
  return (
    <div className="max-h-96 overflow-auto rounded-lg border border-slate-200">
      <table className="w-full text-left text-sm" data-testid="import-errors">
        <caption className="sr-only">{t('import.errorsCaption')}</caption>
        <thead className="sticky top-0 bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="w-20 px-3 py-2 font-medium">{t('import.column.row')}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t('import.column.problem')}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {sorted.map((error) => (
            <tr key={`${error.row}-${error.message}`}>
              <td className="px-3 py-2 font-mono text-slate-800 tabular-nums">{error.row}</td>
              <td className="px-3 py-2 text-slate-800">{error.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
