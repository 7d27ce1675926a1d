import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ANONYMOUS, coreRpc, signAccessToken, verifyAccessToken } from '@tec/shared';
import { as, bootCore, codeOf, type CoreTestService } from './core-test-kit';

describe('sign-in', () => {
  let core: CoreTestService;
  const password = 'correct horse battery';
  beforeAll(async () => {
    core = await bootCore();
  });
  afterAll(async () => {
    await core?.close();
  });

  const verify = (token: string) =>
    verifyAccessToken(token, {
      publicKey: readFileSync(core.config.JWT_PUBLIC_KEY_FILE, 'utf8'),
      issuer: core.config.JWT_ISSUER,
      audience: core.config.JWT_AUDIENCE,
    });

  it('logs in case-insensitively and issues a verifiable ES256 access token', async () => {
    const student = await core.factory.student({ password });
    const tokens = await core.rpc.call(coreRpc.authLogin, { email: student.email.toUpperCase(), password }, ANONYMOUS);
    expect(tokens.user).toMatchObject({ id: student.id, role: 'student', dateOfBirth: '2008-03-14' });
    const verified = await verify(tokens.accessToken);
    expect(verified).toMatchObject({ kind: 'user', userId: student.id, role: 'student' });
    expect(new Date(tokens.accessTokenExpiresAt).getTime() - Date.now()).toBeLessThanOrEqual(900_000);
    expect(JSON.parse(Buffer.from(tokens.accessToken.split('.')[0]!, 'base64url').toString())).toMatchObject({ alg: 'ES256' });
    const session = await core.rpc.call(coreRpc.authSession, {}, as(student, verified.sessionId));
    expect(session.user.email).toBe(student.email);
  });

  it('refuses a wrong password, an unknown email and an inactive account the same way', async () => {
    const student = await core.factory.student({ password });
    const inactive = await core.factory.teacher({ password, active: false });
    expect(await codeOf(core.rpc.call(coreRpc.authLogin, { email: student.email, password: 'nope-nope' }, ANONYMOUS))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(core.rpc.call(coreRpc.authLogin, { email: 'nobody@test.example', password }, ANONYMOUS))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(core.rpc.call(coreRpc.authLogin, { email: inactive.email, password }, ANONYMOUS))).toBe('INVALID_CREDENTIALS');
  });

  it('rotates refresh tokens: each one works once', async () => {
    const student = await core.factory.student({ password });
    const first = await core.rpc.call(coreRpc.authLogin, { email: student.email, password }, ANONYMOUS);
    const second = await core.rpc.call(coreRpc.authRefresh, { refreshToken: first.refreshToken }, ANONYMOUS);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const third = await core.rpc.call(coreRpc.authRefresh, { refreshToken: second.refreshToken }, ANONYMOUS);
    expect((await verify(third.accessToken)).sessionId).toBe((await verify(first.accessToken)).sessionId);
  });

  it('treats a reused refresh token as theft: the whole family is revoked', async () => {
    const student = await core.factory.student({ password });
    const login = await core.rpc.call(coreRpc.authLogin, { email: student.email, password }, ANONYMOUS);
    const rotated = await core.rpc.call(coreRpc.authRefresh, { refreshToken: login.refreshToken }, ANONYMOUS);
    expect(await codeOf(core.rpc.call(coreRpc.authRefresh, { refreshToken: login.refreshToken }, ANONYMOUS))).toBe('REFRESH_TOKEN_REUSED');
    // The legitimate holder's newer token dies with the family, and the session is gone.
    expect(await codeOf(core.rpc.call(coreRpc.authRefresh, { refreshToken: rotated.refreshToken }, ANONYMOUS))).toBe('TOKEN_INVALID');
    const sessionId = (await verify(rotated.accessToken)).sessionId;
    expect(await codeOf(core.rpc.call(coreRpc.authSession, {}, as(student, sessionId)))).toBe('UNAUTHENTICATED');
    // Other sign-ins of the same user are untouched.
    const other = await core.rpc.call(coreRpc.authLogin, { email: student.email, password }, ANONYMOUS);
    expect(await codeOf(core.rpc.call(coreRpc.authRefresh, { refreshToken: other.refreshToken }, ANONYMOUS))).toBe('ok');
  });

  it('lets only one of two concurrent refreshes with the same token win', async () => {
    const student = await core.factory.student({ password });
    const login = await core.rpc.call(coreRpc.authLogin, { email: student.email, password }, ANONYMOUS);
    const results = await Promise.all([1, 2].map(() => codeOf(core.rpc.call(coreRpc.authRefresh, { refreshToken: login.refreshToken }, ANONYMOUS))));
    expect(results.sort()).toEqual(['REFRESH_TOKEN_REUSED', 'ok']);
  });

  it('logout revokes the family, and is idempotent', async () => {
    const student = await core.factory.student({ password });
    const login = await core.rpc.call(coreRpc.authLogin, { email: student.email, password }, ANONYMOUS);
    await core.rpc.call(coreRpc.authLogout, { refreshToken: login.refreshToken }, ANONYMOUS);
    await core.rpc.call(coreRpc.authLogout, { refreshToken: login.refreshToken }, ANONYMOUS);
    expect(await codeOf(core.rpc.call(coreRpc.authRefresh, { refreshToken: login.refreshToken }, ANONYMOUS))).toBe('TOKEN_INVALID');
    expect(await codeOf(core.rpc.call(coreRpc.authRefresh, { refreshToken: 'x'.repeat(43) }, ANONYMOUS))).toBe('TOKEN_INVALID');
  });

  it('deactivating an account ends its sessions', async () => {
    const admin = await core.factory.admin();
    const student = await core.factory.student({ password });
    const login = await core.rpc.call(coreRpc.authLogin, { email: student.email, password }, ANONYMOUS);
    await core.rpc.call(coreRpc.usersUpdate, { userId: student.id, active: false }, as(admin));
    expect(await codeOf(core.rpc.call(coreRpc.authRefresh, { refreshToken: login.refreshToken }, ANONYMOUS))).toBe('TOKEN_INVALID');
  });

  describe("core's access tokens refuse", () => {
    let token: string;
    beforeAll(async () => {
      const student = await core.factory.student({ password });
      token = (await core.rpc.call(coreRpc.authLogin, { email: student.email, password }, ANONYMOUS)).accessToken;
    });
    const claims = () => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

    it('an expired token', async () => {
      const expired = await signAccessToken({
        userId: claims().sub as string,
        role: 'student',
        sessionId: claims().sid as string,
        privateKey: readFileSync(core.config.JWT_PRIVATE_KEY_FILE, 'utf8'),
        issuer: core.config.JWT_ISSUER,
        audience: core.config.JWT_AUDIENCE,
        ttlSeconds: 900,
        now: new Date(Date.now() - 3_600_000),
      });
      expect(await codeOf(verify(expired.token))).toBe('TOKEN_EXPIRED');
    });

    it('a tampered token (role raised to admin)', async () => {
      const [header, , signature] = token.split('.');
      expect(await codeOf(verify(`${header}.${b64({ ...claims(), role: 'admin' })}.${signature}`))).toBe('TOKEN_INVALID');
    });

    it('an alg=none token', async () => {
      expect(await codeOf(verify(`${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims(), role: 'admin' })}.`))).toBe('TOKEN_INVALID');
    });

    it('an HS256 token signed with the public key', async () => {
      const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...claims(), role: 'admin' })}`;
      const mac = createHmac('sha256', readFileSync(core.config.JWT_PUBLIC_KEY_FILE, 'utf8')).update(input).digest('base64url');
      expect(await codeOf(verify(`${input}.${mac}`))).toBe('TOKEN_INVALID');
    });
  });
});
