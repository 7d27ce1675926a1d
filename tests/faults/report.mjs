// Writes the fault suite's figures into bench/RESULTS.md, between markers (replaced on every full run).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const BEGIN = '<!-- faults:begin (written by npm run test:faults) -->';
const END = '<!-- faults:end -->';

export function renderSection(report) {
  const ms = (value) => (value === null || value === undefined ? '–' : String(value));
  const lines = [
    BEGIN,
    '## Fault tolerance (`npm run test:faults`)',
    '',
    `Run ${report.runId}, ${report.mode} mode, ${report.date.slice(0, 10)}, ${report.durationSeconds} s on ${report.machine}. ` +
      `Every service and the gateway as built processes against the suite's own Postgres and nats-server; load through the gateway: ` +
      `${report.load.checkInsPerSecond} QR check-ins/s, ${report.load.messagesPerSecond} chat messages/s (half REST, half Socket.IO), ` +
      `${report.load.gradesPerSecond} low grades/s (→ parent alert → email to the SendGrid fake). Clients retry with the same idempotency key until acknowledged.`,
    '',
    '| operation | attempted | acknowledged | retried before the ack | never acknowledged |',
    '|---|---:|---:|---:|---:|',
    ...Object.entries(report.operations).map(([kind, o]) => `| ${kind} | ${o.attempted} | ${o.acknowledged} | ${o.retried} | ${o.notAcknowledged} |`),
    '',
    `Delivered and checked: ${report.delivered.checkInRecords} attendance records, ${report.delivered.chatMessages} chat messages, ` +
      `${report.delivered.parentAlerts} parent alerts, ${report.delivered.emailsReceived} emails at the fake ` +
      `(${report.delivered.emailsResentOnTheWire} resent on the wire and absorbed by the idempotency key); SendGrid replies ${JSON.stringify(report.delivered.sendgridReplies)}; ` +
      `pipeline drained ${report.delivered.drainMs} ms after the load stopped.`,
    '',
    `Recovery = from the end of the fault (process restarted, server back, failure window over) until the gateway's ` +
      `/api/v1/health reports the gateway, NATS and every service (with its database) ok; limit ${report.recoveryLimitMs / 1000} s. ` +
      `Latency = first attempt → acknowledgement, of the operations started during the fault and its settle time.`,
    '',
    '| fault | recovery ms | ops | p50 ms | p99 ms | max ms |',
    '|---|---:|---:|---:|---:|---:|',
    `| (no fault) | | ${report.latency.calm.count} | ${ms(report.latency.calm.p50)} | ${ms(report.latency.calm.p99)} | ${ms(report.latency.calm.max)} |`,
    ...report.faults.map((fault) => {
      const l = report.latency.faults[fault.name];
      return `| ${fault.name} | ${ms(fault.recoveryMs)} | ${l.count} | ${ms(l.p50)} | ${ms(l.p99)} | ${ms(l.max)} |`;
    }),
    '',
    'The same, by operation (p50 / p99 ms), showing which flow each fault holds up:',
    '',
    `| fault | ${Object.keys(report.operations).join(' | ')} |`,
    `|---|${Object.keys(report.operations).map(() => '---:').join('|')}|`,
    ...report.faults.map((fault) => {
      const byKind = report.latency.faultsByKind?.[fault.name] ?? {};
      return `| ${fault.name} | ${Object.keys(report.operations).map((kind) => (byKind[kind]?.count ? `${byKind[kind].p50} / ${byKind[kind].p99}` : '–')).join(' | ')} |`;
    }),
    '',
    ...report.checks.map((check) => `- ${check.ok ? 'PASS' : 'FAIL'} ${check.name}${check.detail ? ` (${check.detail})` : ''}`),
    END,
  ];
  return lines.join('\n');
}

export function writeResults(file, report) {
  const section = renderSection(report);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  const next = start >= 0 && end > start ? `${current.slice(0, start)}${section}${current.slice(end + END.length)}` : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}
