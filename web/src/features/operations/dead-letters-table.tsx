import { useId, useState } from 'react';
import type { DeadLetterView } from '../../api/types';
import { t, tn } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { Button } from '../../ui/button';
import { cx } from '../../ui/class-names';
import { ChevronRightIcon } from '../../ui/icons';
import { envelopeJson, isLongReason } from './operations-view';

interface DeadLettersTableProps {
  service: string;
  letters: DeadLetterView[];
  onReplay: (letter: DeadLetterView) => void;
}

/** A table on laptops and a stacked list on phones; only one is ever displayed, so only one is announced. */
export function DeadLettersTable({ service, letters, onReplay }: DeadLettersTableProps) {
  return (
    <>
      <ul className="divide-y divide-slate-100 lg:hidden" data-testid="dead-letters-list">
        {letters.map((letter) => (
          <DeadLetterItem key={letter.id} letter={letter} onReplay={onReplay} />
        ))}
      </ul>
      {/* Fits a 1280 px laptop; narrower laptops scroll it sideways rather than crushing the reason column. */}
      <div className="hidden overflow-x-auto lg:block">
        <table className="w-full min-w-[56rem] table-fixed text-left text-sm" data-testid="dead-letters-table">
          <caption className="sr-only">{t('operations.deadLetters.caption', { service })}</caption>
          <colgroup>
            <col className="w-60" />
            <col />
            <col className="w-24" />
            <col className="w-44" />
            <col className="w-48" />
          </colgroup>
          <thead className="border-b border-slate-200 text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-4 font-medium">{t('operations.deadLetters.column.event')}</th>
              <th scope="col" className="py-2 pr-4 font-medium">{t('operations.deadLetters.column.reason')}</th>
              <th scope="col" className="py-2 pr-4 text-right font-medium">{t('operations.deadLetters.column.deliveries')}</th>
              <th scope="col" className="py-2 pr-4 font-medium">{t('operations.deadLetters.column.time')}</th>
              <th scope="col" className="py-2 font-medium">
                <span className="sr-only">{t('operations.deadLetters.column.actions')}</span>
              </th>
            </tr>
          </thead>
          {letters.map((letter) => (
            <DeadLetterRow key={letter.id} letter={letter} onReplay={onReplay} />
          ))}
        </table>
      </div>
    </>
  );
}

/** One letter as a <tbody> of its own, so its envelope row expands right under it. */
function DeadLetterRow({ letter, onReplay }: { letter: DeadLetterView; onReplay: (letter: DeadLetterView) => void }) {
  const [showEnvelope, setShowEnvelope] = useState(false);
  const envelopeId = useId();
  return (
    <tbody className="border-b border-slate-100 last:border-b-0" data-testid="dead-letter">
      <tr className="align-top">
        <td className="py-3 pr-4">
          <p className="font-mono text-xs font-medium [overflow-wrap:anywhere] text-slate-900">{letter.subject}</p>
          <p className="mt-1 text-xs [overflow-wrap:anywhere] text-slate-600">{t('operations.deadLetters.consumerLabel', { consumer: letter.consumer })}</p>
        </td>
        <td className="py-3 pr-4">
          <Reason reason={letter.reason} />
        </td>
        <td className="py-3 pr-4 text-right text-slate-700 tabular-nums">{letter.deliveries}</td>
        <td className="py-3 pr-4 text-slate-700">
          <LetterTime createdAt={letter.createdAt} />
        </td>
        <td className="py-2">
          <div className="flex justify-end gap-2">
            <EnvelopeToggle letter={letter} expanded={showEnvelope} controls={envelopeId} onToggle={() => setShowEnvelope((open) => !open)} />
            <ReplayButton letter={letter} onReplay={onReplay} />
          </div>
        </td>
      </tr>
      {showEnvelope && (
        <tr>
          <td colSpan={5} className="pb-4">
            <Envelope id={envelopeId} letter={letter} />
          </td>
        </tr>
      )}
    </tbody>
  );
}

function DeadLetterItem({ letter, onReplay }: { letter: DeadLetterView; onReplay: (letter: DeadLetterView) => void }) {
  const [showEnvelope, setShowEnvelope] = useState(false);
  const envelopeId = useId();
  return (
    <li className="py-4" data-testid="dead-letter">
      <p className="font-mono text-xs font-medium [overflow-wrap:anywhere] text-slate-900">{letter.subject}</p>
      <p className="mt-0.5 text-sm [overflow-wrap:anywhere] text-slate-700">{t('operations.deadLetters.consumerLabel', { consumer: letter.consumer })}</p>
      <div className="mt-2">
        <Reason reason={letter.reason} />
      </div>
      <p className="mt-2 flex flex-wrap gap-x-3 text-xs text-slate-600">
        <LetterTime createdAt={letter.createdAt} />
        <span className="tabular-nums">{tn('operations.deadLetters.deliveries', letter.deliveries)}</span>
      </p>
      <div className="mt-3 flex gap-2">
        <EnvelopeToggle letter={letter} expanded={showEnvelope} controls={envelopeId} onToggle={() => setShowEnvelope((open) => !open)} />
        <ReplayButton letter={letter} onReplay={onReplay} />
      </div>
      {showEnvelope && <Envelope id={envelopeId} letter={letter} className="mt-3" />}
    </li>
  );
}

function Reason({ reason }: { reason: string }) {
  const [expanded, setExpanded] = useState(false);
  const id = useId();
  const long = isLongReason(reason);
  return (
    <div>
      <p id={id} className={cx('text-sm break-words text-slate-800', long && !expanded && 'line-clamp-2', expanded && 'whitespace-pre-wrap')}>
        {reason}
      </p>
      {long && (
        <button
          type="button"
          aria-expanded={expanded}
          aria-controls={id}
          onClick={() => setExpanded((open) => !open)}
          className="mt-1 rounded text-xs font-medium text-brand-700 underline-offset-2 hover:underline"
        >
          {expanded ? t('operations.deadLetters.hideReason') : t('operations.deadLetters.showReason')}
        </button>
      )}
    </div>
  );
}

function LetterTime({ createdAt }: { createdAt: string }) {
  const format = useFormat();
  return (
    <time dateTime={createdAt} title={format.relative(createdAt)}>
      {format.dateTime(createdAt)}
    </time>
  );
}

interface EnvelopeToggleProps {
  letter: DeadLetterView;
  expanded: boolean;
  controls: string;
  onToggle: () => void;
}

function EnvelopeToggle({ letter, expanded, controls, onToggle }: EnvelopeToggleProps) {
  return (
    <Button
      variant="ghost"
      size="sm"
      aria-expanded={expanded}
      aria-controls={expanded ? controls : undefined}
      aria-label={t('operations.deadLetters.envelopeLabel', { subject: letter.subject })}
      icon={<ChevronRightIcon className={cx('size-4 transition-transform', expanded && 'rotate-90')} />}
      onClick={onToggle}
    >
      {t('operations.deadLetters.envelope')}
    </Button>
  );
}

function ReplayButton({ letter, onReplay }: { letter: DeadLetterView; onReplay: (letter: DeadLetterView) => void }) {
  return (
    <Button
      variant="secondary"
      size="sm"
      aria-label={t('operations.replay.buttonLabel', { subject: letter.subject, consumer: letter.consumer })}
      onClick={() => onReplay(letter)}
      data-testid="dead-letter-replay"
    >
      {t('operations.replay.button')}
    </Button>
  );
}

function Envelope({ id, letter, className }: { id: string; letter: DeadLetterView; className?: string }) {
  return (
    <div className={className}>
      <p className="mb-1.5 text-xs text-slate-600">
        {letter.eventId ? (
          <>
            {t('operations.deadLetters.eventIdLabel')} <code className="font-mono select-all">{letter.eventId}</code>
          </>
        ) : (
          t('operations.deadLetters.noEventId')
        )}
      </p>
      {/* Focusable so keyboard users can scroll a long envelope; labelled so it is announced as what it is. */}
      <pre
        id={id}
        role="region"
        tabIndex={0}
        aria-label={t('operations.deadLetters.envelopeLabel', { subject: letter.subject })}
        className="max-h-80 overflow-auto rounded-lg bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100"
      >
        {envelopeJson(letter.envelope)}
      </pre>
    </div>
  );
}
