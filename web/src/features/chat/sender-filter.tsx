import { type KeyboardEvent, type RefObject, useId, useRef, useState } from 'react';
import { t } from '../../i18n';
import { SearchIcon } from '../../ui/icons';
import { Spinner } from '../../ui/spinner';
import { useDebouncedValue } from '../admin-users/use-debounced-value';
import { UserRoleBadge } from '../admin-users/user-role-badge';
import { useUsers } from '../admin-users/use-users';

export interface PickedPerson {
  id: string;
  firstName: string;
  lastName: string;
}

const MIN_SEARCH = 2;
const SHOWN = 8;

/**
 * Finds a person (the admins' user search) to narrow the safeguarding review to what they sent. Type two letters;
 * the matches are buttons (Tab, or the down arrow from the field, reaches them; Escape clears the search).
 */
export function SenderFilter({ onPick }: { onPick: (person: PickedPerson) => void }) {
  const id = useId();
  const [search, setSearch] = useState('');
  const results = useRef<HTMLUListElement>(null);
  const query = search.trim();
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape' && search) {
      event.preventDefault();
      setSearch('');
    }
    if (event.key === 'ArrowDown') {
      const first = results.current?.querySelector('button');
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  };
  return (
    <div className="relative min-w-0 flex-1 sm:max-w-sm">
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-slate-800">
        {t('chat.safeguarding.sender')}
      </label>
      <div className="relative">
        <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-500" aria-hidden="true" />
        <input
          id={id}
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onKeyDown={onKeyDown}
          placeholder={t('chat.safeguarding.senderPlaceholder')}
          aria-describedby={`${id}-hint`}
          autoComplete="off"
          className="h-10 w-full rounded-lg border border-slate-300 bg-white pr-3 pl-9 text-base shadow-sm placeholder:text-slate-500 focus-visible:border-brand-600 focus-visible:ring-2 focus-visible:ring-brand-600/30 focus-visible:outline-none sm:text-sm"
          data-testid="safeguarding-sender-search"
        />
      </div>
      <p id={`${id}-hint`} className="sr-only">
        {t('chat.safeguarding.senderHint')}
      </p>
      {query.length >= MIN_SEARCH && (
        <SenderResults
          search={query}
          listRef={results}
          onPick={(person) => {
            setSearch('');
            onPick(person);
          }}
        />
      )}
    </div>
  );
}

function SenderResults({ search, listRef, onPick }: { search: string; listRef: RefObject<HTMLUListElement | null>; onPick: (person: PickedPerson) => void }) {
  const debounced = useDebouncedValue(search, 250);
  const users = useUsers(debounced);
  const people = users.data?.pages.flatMap((page) => page.items).slice(0, SHOWN) ?? [];
  const moveFocus = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...(listRef.current?.querySelectorAll('button') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[index + (event.key === 'ArrowDown' ? 1 : -1)];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };
  return (
    <div className="absolute inset-x-0 top-full z-20 mt-1 rounded-lg border border-slate-200 bg-white p-1 shadow-lg" data-testid="safeguarding-sender-results">
      {users.isPending ? (
        <p role="status" className="flex items-center gap-2 px-3 py-2 text-sm text-slate-600">
          <Spinner className="size-4" /> {t('chat.safeguarding.senderSearching')}
        </p>
      ) : users.isError ? (
        <p role="alert" className="px-3 py-2 text-sm text-rose-700">
          {users.error.message}
        </p>
      ) : people.length === 0 ? (
        <p role="status" className="px-3 py-2 text-sm text-slate-600">
          {t('chat.safeguarding.senderNone')}
        </p>
      ) : (
        <ul ref={listRef} aria-label={t('chat.safeguarding.senderResults')} onKeyDown={moveFocus} className="max-h-72 overflow-y-auto">
          {people.map((person) => (
            <li key={person.id}>
              <button
                type="button"
                onClick={() => onPick(person)}
                className="flex w-full items-center gap-2 rounded-md px-3 py-2 text-left text-sm hover:bg-slate-50 focus-visible:bg-brand-50 focus-visible:outline-none"
                data-testid="safeguarding-sender-option"
                data-user-id={person.id}
              >
                <span className="min-w-0 flex-1 truncate">
                  <span className="font-medium text-slate-900">
                    {person.firstName} {person.lastName}
                  </span>{' '}
                  <span className="text-slate-600">{person.email}</span>
                </span>
                <UserRoleBadge role={person.role} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
