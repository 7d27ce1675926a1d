import { ApiError } from '../../api/api-error';
import type { GatewayHealth } from '../../api/types';
import {
  envelopeJson,
  isLongReason,
  isServiceNotRunning,
  isServiceReport,
  selectableServices,
  serviceEntries,
  statusLabelKey,
  statusTone,
} from './operations-view';

const check = { status: 'ok' as const, latencyMs: 2 };
const report: GatewayHealth = {
  status: 'degraded',
  checkedAt: '2026-03-01T12:00:00.000Z',
  gateway: { nats: { status: 'ok', latencyMs: 1 } },
  services: {
    core: {
      service: 'core',
      status: 'ok',
      checkedAt: '2026-03-01T12:00:00.000Z',
      checks: { database: check, nats: check, outbox: { ...check, pending: 0, oldestAgeMs: 0 } },
    },
    chat: { service: 'chat', status: 'down', error: 'no responders' },
  },
};

describe('operations view helpers', () => {
  it('tells a full report from an unreachable service', () => {
    const [[, core], [, chat]] = serviceEntries(report);
    expect(core && isServiceReport(core)).toBe(true);
    expect(chat && isServiceReport(chat)).toBe(false);
    expect(serviceEntries(undefined)).toEqual([]);
  });

  it('offers the report’s services, plus the selected one when the report lacks it', () => {
    expect(selectableServices(report, 'core')).toEqual(['core', 'chat']);
    expect(selectableServices(report, 'attendance')).toEqual(['attendance', 'core', 'chat']);
    expect(selectableServices(undefined, 'core')).toEqual(['core']);
  });

  it('maps statuses to tones and labels, and keeps an unknown status neutral', () => {
    expect(statusTone('ok')).toBe('success');
    expect(statusTone('degraded')).toBe('warning');
    expect(statusTone('down')).toBe('danger');
    expect(statusTone('maintenance')).toBe('neutral');
    expect(statusLabelKey('down')).toBe('operations.status.down');
    expect(statusLabelKey('maintenance')).toBeUndefined();
  });

  it('reads a 503 from the gateway as "not running", but not a network failure', () => {
    const unavailable = new ApiError({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: 'chat is unavailable', correlationId: 'c1' });
    const offline = new ApiError({ statusCode: 0, code: 'SERVICE_UNAVAILABLE', message: 'offline', correlationId: 'c2' }, { network: true });
    const internal = new ApiError({ statusCode: 500, code: 'INTERNAL', message: 'boom', correlationId: 'c3' });
    expect(isServiceNotRunning(unavailable)).toBe(true);
    expect(isServiceNotRunning(offline)).toBe(false);
    expect(isServiceNotRunning(internal)).toBe(false);
    expect(isServiceNotRunning(new Error('x'))).toBe(false);
  });

  it('collapses long or multi-line reasons only', () => {
    expect(isLongReason('duplicate key')).toBe(false);
    expect(isLongReason('x'.repeat(200))).toBe(true);
    expect(isLongReason('Error: boom\n    at handler (core.js:1:1)')).toBe(true);
  });

  it('pretty-prints the envelope, and survives what JSON cannot express', () => {
    expect(envelopeJson({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(envelopeJson(undefined)).toBe('undefined');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(envelopeJson(cyclic)).toBe('[object Object]');
  });
});
