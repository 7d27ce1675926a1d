/**
 * The attendance benchmark's baseline, in its own process: a minimal node:http server doing the same validation
 * as a check-in (JWT, QR token HMAC and window, enrollment) and one INSERT … ON CONFLICT DO NOTHING.
 * Configured by env; prints `LISTENING <port>` when ready.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { Pool } from 'pg';
import { verifyAccessToken } from '@tec/shared';
import { parseToken, verifyToken } from '../../services/attendance/src/check-in/qr-token';

const settings = JSON.parse(process.argv[2] ?? '{}') as {
  databaseUrl: string;
  publicKeyFile: string;
  qrKey: string;
  rotationSeconds: number;
  graceSeconds: number;
  port: number;
};
const publicKey = readFileSync(settings.publicKeyFile, 'utf8');
const pg = new Pool({ connectionString: settings.databaseUrl, max: 20 });
const secrets = new Map<string, { secret: Buffer; courseId: string }>();

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => resolve(body));
  });

async function session(sessionId: string) {
  let known = secrets.get(sessionId);
  if (!known) {
    const { rows } = await pg.query<{ qr_secret: Buffer; course_id: string }>(`SELECT qr_secret, course_id FROM "attendance"."sessions" WHERE id = $1`, [sessionId]);
    if (!rows[0]) throw new Error('no session');
    known = { secret: rows[0].qr_secret, courseId: rows[0].course_id };
    secrets.set(sessionId, known);
  }
  return known;
}

const server = createServer(async (request, response) => {
  try {
    const user = await verifyAccessToken((request.headers.authorization ?? '').slice(7), { publicKey, issuer: 'tec-lms-core', audience: 'tec-lms' });
    const body = JSON.parse(await readBody(request)) as { token: string; deviceId: string };
    const parsed = parseToken(body.token);
    if (!parsed) throw new Error('token');
    const { secret, courseId } = await session(parsed.sessionId);
    const clock = { rotationSeconds: settings.rotationSeconds, graceSeconds: settings.graceSeconds };
    if (verifyToken(settings.qrKey, parsed, secret, new Date(), clock) !== 'valid') throw new Error('token');
    const enrolled = await pg.query(`SELECT 1 FROM "attendance"."enrollments" WHERE course_id = $1 AND student_id = $2 AND active`, [courseId, user.userId]);
    if (enrolled.rowCount === 0) throw new Error('not enrolled');
    await pg.query(
      `INSERT INTO "attendance"."records" (id, session_id, course_id, student_id, session_starts_at, status, method, marked_at, checked_in_at)
       VALUES ($1, $2, $3, $4, now(), 'present', 'qr_code', now(), now()) ON CONFLICT (session_id, student_id) DO NOTHING`,
      [randomUUID(), parsed.sessionId, courseId, user.userId],
    );
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  } catch {
    response.writeHead(400).end();
  }
});
server.listen(settings.port, '127.0.0.1', () => console.log(`LISTENING ${settings.port}`));
process.on('SIGTERM', () => {
  server.close();
  void pg.end().then(() => process.exit(0));
});
