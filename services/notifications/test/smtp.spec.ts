import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { bootNotifications, deliveriesOf, waitFor, type NotificationsTestService } from './notifications-test-kit';
import { forumReply } from './support/events';

interface Received {
  to: string[];
  raw: string;
}

let service: NotificationsTestService;
let smtp: SMTPServer;
const received: Received[] = [];
let refuse = 0;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      if (refuse > 0) {
        refuse -= 1;
        const error = Object.assign(new Error('mailbox busy, try later'), { responseCode: 451 });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        // Unfold folded header lines (RFC 5322) so assertions read one header per line.
        received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw: Buffer.concat(chunks).toString('utf8').replace(/\r?\n[ \t]+/g, ' ') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  service = await bootNotifications({ EMAIL_PROVIDER: 'smtp', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port) });
}, 60_000);

afterAll(async () => {
  await service?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('SMTP provider against a real SMTP server', () => {
  it('sends a multipart email with the unsubscribe headers, and retries a 4xx', async () => {
    const author = await service.core.student({ firstName: 'Ana' });
    refuse = 1;
    await forumReply(service, author, 'Check <b>exercise</b> 4');
    await waitFor(async () => (await deliveriesOf(service, author.email)).length > 0, 10_000, 'queued');
    await service.worker.processDue();
    expect((await deliveriesOf(service, author.email))[0]).toMatchObject({ status: 'pending', error_code: 'SMTP_451' });
    await service.worker.drain();
    expect((await deliveriesOf(service, author.email))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    const message = received.find((item) => item.to.includes(author.email.toLowerCase()));
    expect(message).toBeDefined();
    expect(message!.raw).toContain('Subject: New reply to your discussion: Limits homework');
    expect(message!.raw).toMatch(/List-Unsubscribe: <http:\/\/localhost:3000\/api\/v1\/notifications\/unsubscribe\?token=/);
    expect(message!.raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(message!.raw).toContain('multipart/alternative');
    expect(message!.raw).toContain('&lt;b&gt;exercise&lt;/b&gt;');
  });
});
