import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { openDirectConversation } from '../../../api/parent-portal.api';

/** Opens (or reuses) the direct conversation with a teacher in chat, then goes to it. Chat decides who may talk. */
export function useMessageTeacher() {
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (teacherId: string) => openDirectConversation(teacherId),
    onSuccess: (conversation) => void navigate(`/messages/${encodeURIComponent(conversation.id)}`),
  });
}
