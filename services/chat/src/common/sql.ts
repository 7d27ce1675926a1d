/** ISO-8601 UTC text of a timestamptz column, as the contracts want it. */
export function iso(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** Opaque cursor of the conversation list: (activity_at, id), newest first. */
export function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): { at: string; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  return { at, id };
}

/**
 * A participant's unread count as an SQL expression over their participant row and its conversation row (the
 * aliases given), with no counter to keep: the messages after their read watermark, minus the deleted ones among
 * them. Exact because every message after a participant's watermark was sent by someone else: both send paths move
 * the sender's watermark to their own message in the statement that writes it, and a (re)joining member starts at
 * the conversation's `last_seq`. Deleted messages are few, so their count is a probe of `messages_deleted_seq_idx`
 * that usually finds nothing (index only: no sender filter, which that invariant makes unnecessary). It counts only
 * seqs up to `last_seq`, as the first term does, so the result is never negative.
 */
export function unreadCount(participant: string, conversation: string): string {
  return `(${conversation}.last_seq - ${participant}.last_read_seq - (SELECT count(*) FROM "chat"."messages" unread_deleted
    WHERE unread_deleted.conversation_id = ${participant}.conversation_id AND unread_deleted.deleted_at IS NOT NULL
      AND unread_deleted.seq > ${participant}.last_read_seq AND unread_deleted.seq <= ${conversation}.last_seq))::int`;
}
