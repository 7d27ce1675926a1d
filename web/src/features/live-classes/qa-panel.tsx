import type { LiveClass, LiveQuestion } from '@tec/shared/contracts';
import { type FormEvent, useState } from 'react';
import { t, tn } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { ErrorState } from '../../ui/error-state';
import { TextAreaField } from '../../ui/field';
import { SkeletonList } from '../../ui/skeleton';
import { useToast } from '../../ui/toast';
import { useCurrentUser } from '../auth/use-session';
import { questionErrorMessage } from './live-class-errors';
import { useLiveQuestions, useQuestionActions } from './use-questions';

/**
 * Live Q&A of one class, sorted by votes. Students ask and upvote (once, never their own); teachers answer inline
 * and mark answered (or reopen). New questions and answers arrive over the socket and are announced politely.
 */
export function QaPanel({ item, canTeach }: { item: LiveClass; canTeach: boolean }) {
  const user = useCurrentUser();
  const toast = useToast();
  const [announcement, setAnnouncement] = useState('');
  const { query, room } = useLiveQuestions(item.id, (change, question) => {
    if (change === 'asked' && question.asker.id !== user.id) setAnnouncement(t('liveClasses.qa.announceAsked', { name: question.asker.firstName, text: question.text }));
    if (change === 'answered' && question.answered) setAnnouncement(t('liveClasses.qa.announceAnswered', { text: question.text }));
  });
  const actions = useQuestionActions(item.id);
  const [text, setText] = useState('');
  const [askError, setAskError] = useState<string | null>(null);
  const closed = item.status === 'completed' || item.status === 'cancelled';
  const canAsk = user.role === 'student' && !closed;
  const items = query.data?.items ?? [];
  const open = items.filter((question) => !question.answered).length;

  const ask = (event: FormEvent) => {
    event.preventDefault();
    setAskError(null);
    if (!text.trim()) return setAskError(t('liveClasses.qa.error.empty'));
    actions.ask.mutate(text.trim(), {
      onSuccess: () => {
        setText('');
        toast.show({ kind: 'success', message: t('liveClasses.qa.asked') });
      },
      onError: (failure) => setAskError(questionErrorMessage(failure)),
    });
  };

  return (
    <Card
      title={t('liveClasses.qa.title')}
      description={items.length ? tn('liveClasses.qa.openCount', open) : undefined}
      testId="live-qa"
      action={room.status === 'joined' ? <Badge tone="success">{t('liveClasses.qa.live')}</Badge> : room.status === 'refused' ? <Badge tone="warning">{t('liveClasses.qa.notLive')}</Badge> : null}
    >
      <p className="sr-only" aria-live="polite" data-testid="live-qa-announcer">
        {announcement}
      </p>
      {canAsk && (
        <form onSubmit={ask} className="mb-4 flex flex-col gap-2" noValidate>
          <TextAreaField
            label={t('liveClasses.qa.askLabel')}
            name="question"
            rows={2}
            maxLength={1000}
            className="font-sans"
            value={text}
            error={askError}
            onChange={(event) => setText(event.target.value)}
          />
          <div>
            <Button type="submit" loading={actions.ask.isPending} data-testid="live-qa-ask">
              {t('liveClasses.qa.ask')}
            </Button>
          </div>
        </form>
      )}
      {closed && user.role === 'student' && <p className="mb-3 text-sm text-slate-600">{t('liveClasses.qa.closed')}</p>}
      {query.isPending ? (
        <SkeletonList rows={3} label={t('liveClasses.qa.loading')} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} compact />
      ) : items.length === 0 ? (
        <EmptyState title={t('liveClasses.qa.empty')} testId="live-qa-empty">
          {canTeach ? t('liveClasses.qa.emptyTeacher') : canAsk ? t('liveClasses.qa.emptyStudent') : null}
        </EmptyState>
      ) : (
        <ol className="flex flex-col gap-3" data-testid="live-qa-list">
          {items.map((question) => (
            <QuestionRow key={question.id} question={question} canTeach={canTeach} canVote={user.role === 'student' && question.asker.id !== user.id && !closed} actions={actions} />
          ))}
        </ol>
      )}
    </Card>
  );
}

function QuestionRow({
  question,
  canTeach,
  canVote,
  actions,
}: {
  question: LiveQuestion;
  canTeach: boolean;
  canVote: boolean;
  actions: ReturnType<typeof useQuestionActions>;
}) {
  const format = useFormat();
  const toast = useToast();
  const [answering, setAnswering] = useState(false);
  const [answer, setAnswer] = useState(question.answerText ?? '');
  const [error, setError] = useState<string | null>(null);
  const votePending = actions.vote.isPending && actions.vote.variables?.questionId === question.id;
  const answerPending = actions.answer.isPending && actions.answer.variables?.questionId === question.id;

  const vote = () =>
    actions.vote.mutate({ questionId: question.id, on: !question.votedByMe }, { onError: (failure) => toast.show({ kind: 'error', message: questionErrorMessage(failure) }) });

  const submitAnswer = (answered: boolean, answerText?: string) => {
    setError(null);
    actions.answer.mutate(
      { questionId: question.id, answerText, answered },
      {
        onSuccess: () => {
          setAnswering(false);
          toast.show({ kind: 'success', message: answered ? t('liveClasses.qa.answeredToast') : t('liveClasses.qa.reopenedToast') });
        },
        onError: (failure) => setError(questionErrorMessage(failure)),
      },
    );
  };

  return (
    <li
      className="rounded-lg border border-slate-200 p-3"
      data-testid="live-question"
      data-question-id={question.id}
      data-answered={question.answered ? 'true' : 'false'}
      data-votes={question.votes}
    >
      <div className="flex gap-3">
        <div className="flex w-12 shrink-0 flex-col items-center">
          {canVote ? (
            <button
              type="button"
              onClick={vote}
              disabled={votePending}
              aria-pressed={question.votedByMe}
              aria-label={question.votedByMe ? t('liveClasses.qa.unvote') : t('liveClasses.qa.upvote')}
              data-testid="live-question-vote"
              className="flex h-11 w-11 flex-col items-center justify-center rounded-lg border border-slate-300 text-sm font-semibold aria-pressed:border-brand-700 aria-pressed:bg-brand-700 aria-pressed:text-white disabled:opacity-60"
            >
              <span aria-hidden="true">▲</span>
              <span>{question.votes}</span>
            </button>
          ) : (
            <span className="flex h-11 w-11 flex-col items-center justify-center rounded-lg bg-slate-100 text-sm font-semibold text-slate-800">
              <span aria-hidden="true">▲</span>
              <span>
                <span className="sr-only">{tn('liveClasses.qa.votes', question.votes)}</span>
                <span aria-hidden="true">{question.votes}</span>
              </span>
            </span>
          )}
        </div>
        <div className="min-w-0 flex-1">
          <p className="break-words text-slate-900" data-testid="live-question-text">
            {question.text}
          </p>
          <p className="mt-1 text-xs text-slate-600">
            {question.asker.firstName} {question.asker.lastName} · {format.relative(question.createdAt)}
            {question.answered && (
              <Badge tone="success" className="ml-2">
                {t('liveClasses.qa.answered')}
              </Badge>
            )}
          </p>
          {question.answerText && (
            <div className="mt-2 rounded-lg bg-emerald-50 p-2 text-sm text-emerald-950" data-testid="live-question-answer">
              <span className="font-medium">
                {question.answeredBy ? `${question.answeredBy.firstName} ${question.answeredBy.lastName}` : t('liveClasses.qa.teacher')}:
              </span>{' '}
              <span className="break-words">{question.answerText}</span>
            </div>
          )}
          {canTeach && !answering && (
            <div className="mt-2 flex flex-wrap gap-2">
              <Button size="sm" variant="secondary" onClick={() => setAnswering(true)} data-testid="live-question-answer-open">
                {question.answerText ? t('liveClasses.qa.editAnswer') : t('liveClasses.qa.answer')}
              </Button>
              <Button size="sm" variant="ghost" loading={answerPending} onClick={() => submitAnswer(!question.answered)} data-testid="live-question-toggle">
                {question.answered ? t('liveClasses.qa.reopen') : t('liveClasses.qa.markAnswered')}
              </Button>
            </div>
          )}
          {canTeach && answering && (
            <form
              className="mt-2 flex flex-col gap-2"
              onSubmit={(event) => {
                event.preventDefault();
                if (!answer.trim()) return setError(t('liveClasses.qa.error.emptyAnswer'));
                submitAnswer(true, answer.trim());
              }}
              noValidate
            >
              <TextAreaField
                label={t('liveClasses.qa.answerLabel')}
                name="answer"
                rows={2}
                maxLength={4000}
                className="font-sans"
                value={answer}
                error={error}
                autoFocus
                onChange={(event) => setAnswer(event.target.value)}
              />
              <div className="flex gap-2">
                <Button type="submit" size="sm" loading={answerPending} data-testid="live-question-answer-submit">
                  {t('liveClasses.qa.sendAnswer')}
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setAnswering(false)}>
                  {t('liveClasses.form.cancel')}
                </Button>
              </div>
            </form>
          )}
          {!answering && error && (
            <p role="alert" className="mt-1 text-sm text-rose-700">
              {error}
            </p>
          )}
        </div>
      </div>
    </li>
  );
}
