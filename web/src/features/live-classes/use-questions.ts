import type { LiveClass, LiveQuestion } from '@tec/shared/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { answerQuestion, askQuestion, listQuestions, unvoteQuestion, upvoteQuestion } from '../../api/live-classes.api';
import { queryKeys } from '../../api/query-keys';
import type { ItemList } from '../../api/types';
import { useRealtimeEvent } from '../../realtime/use-realtime-event';
import { type RoomState, useRoom } from '../../realtime/use-room';
import { useCurrentUser } from '../auth/use-session';
import { applyQuestionPush, replaceQuestion } from './live-class-logic';

/**
 * The class's Q&A, live: holds the room `class:<id>`, applies `live_question` pushes (replace by id, re-sort by
 * votes) and `live_class_status` to the cached class, and refetches both after a reconnect.
 */
export function useLiveQuestions(classId: string, onPush?: (change: 'asked' | 'voted' | 'answered', question: LiveQuestion) => void) {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const key = queryKeys.liveClasses.questions(user.id, classId);
  const query = useQuery({ queryKey: key, queryFn: ({ signal }) => listQuestions(classId, signal) });

  const resync = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.liveClasses.detail(user.id, classId) });
  }, [queryClient, user.id, classId]);
  const room: RoomState = useRoom('class', classId, resync);

  useRealtimeEvent('live_question', (payload) => {
    if (payload.classId !== classId) return;
    queryClient.setQueryData<ItemList<LiveQuestion>>(key, (current) => (current ? { ...current, items: applyQuestionPush(current.items, payload.question) } : current));
    onPush?.(payload.change, payload.question);
  });
  useRealtimeEvent('live_class_status', (payload) => {
    if (payload.classId !== classId) return;
    queryClient.setQueryData<LiveClass>(queryKeys.liveClasses.detail(user.id, classId), (current) =>
      current ? { ...current, status: payload.status, startedAt: payload.startedAt, endedAt: payload.endedAt } : current,
    );
    // Times or counts may have changed too (an edit): fetch the class again.
    void queryClient.invalidateQueries({ queryKey: queryKeys.liveClasses.detail(user.id, classId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.liveClasses.lists(user.id) });
  });

  return { query, room };
}

/** Ask, upvote/unvote and answer: each REST reply (with the caller's own `votedByMe`) replaces the question. */
export function useQuestionActions(classId: string) {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const key = queryKeys.liveClasses.questions(user.id, classId);
  const store = (question: LiveQuestion) =>
    queryClient.setQueryData<ItemList<LiveQuestion>>(key, (current) => (current ? { ...current, items: replaceQuestion(current.items, question) } : { items: [question] }));
  const ask = useMutation({ mutationFn: (text: string) => askQuestion(classId, text), onSuccess: store });
  const vote = useMutation({
    mutationFn: (input: { questionId: string; on: boolean }) => (input.on ? upvoteQuestion(input.questionId) : unvoteQuestion(input.questionId)),
    onSuccess: store,
  });
  const answer = useMutation({
    mutationFn: (input: { questionId: string; answerText?: string; answered: boolean }) =>
      answerQuestion(input.questionId, { answerText: input.answerText, answered: input.answered }),
    onSuccess: store,
  });
  return { ask, vote, answer };
}
