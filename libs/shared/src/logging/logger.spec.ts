import { PassThrough } from 'node:stream';
import { runWithContext } from '../context/request-context';
import { createLogger } from './logger';

function capture() {
  const stream = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  return { stream, lines };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('createLogger', () => {
  it('redacts secrets and personal data at the top level and nested', async () => {
    const { stream, lines } = capture();
    const logger = createLogger({ service: 'core', destination: stream });
    logger.info(
      {
        password: 'hunter2',
        token: 'eyJ-secret',
        user: { email: 'a@b.c', passwordHash: '$argon2$', dateOfBirth: '2007-01-01' },
        req: { headers: { authorization: 'Bearer abc', 'x-api-key': 'key-123', accept: 'json' } },
      },
      'login',
    );
    await flush();
    const [line] = lines;
    expect(line).toMatchObject({
      msg: 'login',
      service: 'core',
      password: '[redacted]',
      token: '[redacted]',
      user: { email: 'a@b.c', passwordHash: '[redacted]', dateOfBirth: '[redacted]' },
      req: { headers: { authorization: '[redacted]', 'x-api-key': '[redacted]', accept: 'json' } },
    });
    expect(JSON.stringify(lines)).not.toMatch(/hunter2|eyJ-secret|argon2|Bearer abc|key-123|2007-01-01/);
  });

  it('stamps the current correlation id on every line', async () => {
    const { stream, lines } = capture();
    const logger = createLogger({ service: 'chat', destination: stream });
    runWithContext({ correlationId: 'corr-7' }, () => logger.warn('inside'));
    logger.warn('outside');
    await flush();
    expect(lines[0]).toMatchObject({ msg: 'inside', correlationId: 'corr-7' });
    expect(lines[1]).not.toHaveProperty('correlationId');
  });
});
