/** The NOTIFY channel that wakes the send worker and the push notifier; Postgres delivers it on commit only. */
export const WORK_CHANNEL = 'notifications_work';
