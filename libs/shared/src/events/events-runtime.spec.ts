import { consumerBackoff, durableConsumerConfig, durableConsumerName } from './event-consumer-config';
import { eventStreamName, eventStreamSubjects } from './event-stream';
import { backoffDelay, DEFAULT_EVENTS_SETTINGS, resolveEventsSettings } from './events-settings';

describe('events runtime settings', () => {
  it('backs off exponentially and caps', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, 100, 1000))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(backoffDelay(10_000, 100, 1000)).toBe(1000);
  });

  it('takes tuning from the config object, then from code', () => {
    const settings = resolveEventsSettings({ EVENT_ACK_WAIT_MS: 2000, OUTBOX_RELAY_ENABLED: false, NATS_URL: 'x' }, { retryBaseMs: 5 });
    expect(settings).toMatchObject({ ackWaitMs: 2000, relay: false, consumers: true, retryBaseMs: 5 });
    expect(resolveEventsSettings({})).toEqual({ ...DEFAULT_EVENTS_SETTINGS, hooks: {} });
  });

  it('names streams and consumers legally, per prefix', () => {
    expect(eventStreamName('')).toBe('EVENTS');
    expect(eventStreamName('t123ab')).toBe('T123AB_EVENTS');
    expect(eventStreamSubjects('')).toEqual(expect.arrayContaining(['core.v1.>', 'core.v2.>', 'attendance.v1.>']));
    expect(eventStreamSubjects('t1', ['core'])).toEqual(['t1.core.v1.>', 't1.core.v2.>']);
    expect(durableConsumerName('parent-portal', 'on.grade recorded*')).toBe('parent-portal-on_grade_recorded_');
  });

  it('keeps fewer backoff steps than deliveries, as the server requires', () => {
    expect(consumerBackoff(1, 30_000, 60_000)).toEqual([]);
    expect(consumerBackoff(3, 1000, 60_000)).toEqual([1000, 2000]);
    expect(consumerBackoff(50, 1000, 4000)).toHaveLength(10);
    const config = durableConsumerConfig({ name: 'core-x', subject: 'core.v1.x', subjectPrefix: 't1', maxDeliver: 1, ackWaitMs: 1000, retryMaxMs: 1000 });
    expect(config).not.toHaveProperty('backoff');
    expect(config.filter_subject).toBe('t1.core.v1.x');
  });
});
