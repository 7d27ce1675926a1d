// After the faults: every acknowledged operation must exist exactly once, end to end, and nothing may be duplicated.
//   check-in  → one attendance.records row for (session, student), with the id the client was given;
//   message   → one chat.messages row per client idempotency key, with the id the client was given;
//   grade     → one parent_portal.alerts row (low_assignment_grade, that assignment) per active parent, one
//               notifications.email_deliveries row per alert, sent, and one email at the SendGrid fake per delivery.
import { createRequire } from 'node:module';
import path from 'node:path';
import { root } from '../../scripts/lib/paths.mjs';
import { sleep } from '../../scripts/lib/run.mjs';

const require = createRequire(path.join(root, 'package.json'));

async function gradeChain(db, sendgrid, grades) {
  const assignmentIds = grades.map((op) => op.assignmentId);
  const alerts = await db.query(
    `SELECT id, parent_id, student_id, subject->>'id' AS assignment_id, title FROM "parent_portal"."alerts"
      WHERE type = 'low_assignment_grade' AND subject->>'id' = ANY($1::text[])`,
    [assignmentIds],
  );
  const deliveries = await db.query(
    `SELECT id, user_id, subject, status, sent_at FROM "notifications"."email_deliveries" WHERE category = 'parent_alerts' AND template_name = 'parent_alert'`,
  );
  const state = await sendgrid.state();
  return { alerts: alerts.rows, deliveries: deliveries.rows, fake: state };
}

function evaluateGrades(grades, chain) {
  const problems = [];
  let expectedAlerts = 0;
  let emails = 0;
  let wireResends = 0;
  const fakeByDelivery = new Map();
  for (const email of chain.fake.emails) if (email.deliveryId) fakeByDelivery.set(email.deliveryId, (fakeByDelivery.get(email.deliveryId) ?? 0) + 1);
  for (const op of grades) {
    for (const parentId of op.parentIds) {
      expectedAlerts += 1;
      const alerts = chain.alerts.filter((alert) => alert.assignment_id === op.assignmentId && alert.parent_id === parentId && alert.student_id === op.studentId);
      if (alerts.length !== 1) {
        problems.push(`grade ${op.assignmentTitle}: ${alerts.length} alerts for parent ${parentId.slice(0, 8)}`);
        continue;
      }
      const deliveries = chain.deliveries.filter((delivery) => delivery.user_id === parentId && delivery.subject.includes(op.assignmentTitle));
      if (deliveries.length !== 1) {
        problems.push(`grade ${op.assignmentTitle}: ${deliveries.length} email deliveries for parent ${parentId.slice(0, 8)}`);
        continue;
      }
      const [delivery] = deliveries;
      const received = fakeByDelivery.get(delivery.id) ?? 0;
      if (!delivery.sent_at || received !== 1) {
        problems.push(`grade ${op.assignmentTitle}: delivery ${delivery.id.slice(0, 8)} ${delivery.status}, received ${received}×`);
        continue;
      }
      emails += 1;
      wireResends += Math.max(0, (chain.fake.wire[delivery.id] ?? 0) - 1);
    }
  }
  return { problems, expectedAlerts, emails, wireResends };
}

export async function verify({ databaseUrl, sendgrid, ops, drainLimitMs, log }) {
  const { Client } = require('pg');
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const acked = ops.filter((op) => op.ackedAt);
    const grades = acked.filter((op) => op.kind === 'grade');
    // The pipeline may still be delivering what was acknowledged: wait (bounded) until the chain is complete.
    const drainStarted = Date.now();
    let evaluation;
    for (;;) {
      evaluation = evaluateGrades(grades, await gradeChain(db, sendgrid, grades));
      if (evaluation.problems.length === 0 || Date.now() - drainStarted > drainLimitMs) break;
      await sleep(1000);
    }
    const drainMs = Date.now() - drainStarted;
    log(`grade → alert → email chain complete after ${drainMs} ms of draining (${evaluation.problems.length} problems)`);

    // Check-ins.
    const checkIns = acked.filter((op) => op.kind === 'check_in');
    const sessionIds = [...new Set(checkIns.map((op) => op.key.split(':')[0]))];
    const records = (await db.query(`SELECT id, session_id, student_id FROM "attendance"."records" WHERE session_id = ANY($1::uuid[])`, [sessionIds])).rows;
    const recordsByKey = new Map();
    for (const row of records) recordsByKey.set(`${row.session_id}:${row.student_id}`, [...(recordsByKey.get(`${row.session_id}:${row.student_id}`) ?? []), row.id]);
    const checkInProblems = [];
    for (const op of checkIns) {
      const rows = recordsByKey.get(op.key) ?? [];
      if (rows.length !== 1 || rows[0] !== op.id) checkInProblems.push(`${op.key}: ${rows.length} records, acknowledged ${op.id?.slice(0, 8)}`);
    }
    const duplicateRecords = [...recordsByKey.values()].filter((ids) => ids.length > 1).length;

    // Chat messages.
    const messages = acked.filter((op) => op.kind.startsWith('message'));
    const clientIds = messages.map((op) => op.key);
    const rows = (await db.query(`SELECT id, client_id, sender_id FROM "chat"."messages" WHERE client_id = ANY($1::text[])`, [clientIds])).rows;
    const byClientId = new Map();
    for (const row of rows) byClientId.set(row.client_id, [...(byClientId.get(row.client_id) ?? []), row.id]);
    const messageProblems = [];
    for (const op of messages) {
      const ids = byClientId.get(op.key) ?? [];
      if (ids.length !== 1 || ids[0] !== op.id) messageProblems.push(`${op.key}: ${ids.length} messages, acknowledged ${op.id?.slice(0, 8)}`);
    }
    const runPrefix = clientIds[0]?.replace(/-\d+$/, '-') ?? 'none-';
    const allRunMessages = (await db.query(`SELECT client_id, count(*)::int AS n FROM "chat"."messages" WHERE client_id LIKE $1 GROUP BY client_id HAVING count(*) > 1`, [`${runPrefix}%`])).rows;

    // Alerts duplicated for any of this run's assignments (beyond those acknowledged).
    const chain = await gradeChain(db, sendgrid, grades);
    const alertKeys = new Map();
    for (const alert of chain.alerts) alertKeys.set(`${alert.parent_id}:${alert.assignment_id}`, (alertKeys.get(`${alert.parent_id}:${alert.assignment_id}`) ?? 0) + 1);
    const duplicateAlerts = [...alertKeys.values()].filter((n) => n > 1).length;
    const fakeCounts = new Map();
    for (const email of chain.fake.emails) fakeCounts.set(email.deliveryId, (fakeCounts.get(email.deliveryId) ?? 0) + 1);
    const duplicateEmails = [...fakeCounts.values()].filter((n) => n > 1).length;

    const sample = (list) => (list.length ? `; e.g. ${list.slice(0, 3).join(' | ')}` : '');
    return {
      counts: {
        checkInRecords: checkIns.length - checkInProblems.length,
        chatMessages: messages.length - messageProblems.length,
        parentAlerts: evaluation.expectedAlerts - evaluation.problems.filter((p) => p.includes('alerts')).length,
        emailsReceived: evaluation.emails,
        emailsResentOnTheWire: evaluation.wireResends,
        sendgridReplies: chain.fake.replies,
        drainMs,
      },
      checks: [
        { name: `every acknowledged check-in recorded exactly once (${checkIns.length})`, ok: checkInProblems.length === 0, detail: `${checkInProblems.length} problems${sample(checkInProblems)}` },
        { name: `every acknowledged chat message stored exactly once (${messages.length})`, ok: messageProblems.length === 0, detail: `${messageProblems.length} problems${sample(messageProblems)}` },
        { name: `every acknowledged grade raised one alert per parent and one email each (${grades.length} grades, ${evaluation.expectedAlerts} alerts)`, ok: evaluation.problems.length === 0, detail: `${evaluation.problems.length} problems${sample(evaluation.problems)}` },
        { name: 'nothing duplicated (records, messages, alerts, emails at the fake)', ok: duplicateRecords + allRunMessages.length + duplicateAlerts + duplicateEmails === 0, detail: `records ${duplicateRecords}, messages ${allRunMessages.length}, alerts ${duplicateAlerts}, emails ${duplicateEmails}` },
        { name: 'the load got acknowledgements for every kind of operation', ok: checkIns.length > 0 && messages.length > 0 && grades.length > 0, detail: `check-ins ${checkIns.length}, messages ${messages.length}, grades ${grades.length}` },
      ],
    };
  } finally {
    await db.end();
  }
}
