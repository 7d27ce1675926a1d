import { coreRpc, type AuthContext } from '@tec/shared';
import { as, bootCore, codeOf, SERVICE, type CoreTestService } from './core-test-kit';

describe('integrator API keys', () => {
  let core: CoreTestService;
  beforeAll(async () => {
    core = await bootCore();
  });
  afterAll(async () => {
    await core?.close();
  });

  async function keyWith(scopes: ('users:read' | 'users:write' | 'courses:read' | 'grades:write')[]) {
    const admin = await core.factory.admin();
    const created = await core.rpc.call(coreRpc.apiKeysCreate, { name: 'SIS sync', scopes }, as(admin));
    const verified = await core.rpc.call(coreRpc.apiKeysVerify, { key: created.key }, SERVICE);
    const auth: AuthContext = { kind: 'api_key', ...verified };
    return { admin, created, verified, auth };
  }

  it('shows the key once, stores only a hash, and verifies it to its scopes', async () => {
    const { created, verified } = await keyWith(['users:read', 'courses:read']);
    expect(created.key).toMatch(/^tec_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(verified).toEqual({ apiKeyId: created.apiKey.id, scopes: ['users:read', 'courses:read'] });
    const [row] = await core.db.dataSource.query<{ stored: string }[]>(`SELECT row_to_json(k)::text AS stored FROM "core"."api_keys" k WHERE id = $1`, [created.apiKey.id]);
    // The secret is everything after `tec_<id>_` (base64url: it may itself contain "_", or start with one).
    const secret = created.key.slice('tec_'.length + 32 + 1);
    expect(secret).toHaveLength(43);
    expect(row!.stored).not.toContain(secret);
    const list = await core.rpc.call(coreRpc.apiKeysList, {}, as(await core.factory.admin()));
    const listed = list.items.find((item) => item.id === created.apiKey.id);
    expect(listed?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list)).not.toContain(created.key);
  });

  it('lets a key do what its scopes allow and nothing else', async () => {
    const { auth } = await keyWith(['users:read']);
    expect(await codeOf(core.rpc.call(coreRpc.usersList, { limit: 5 }, auth))).toBe('ok');
    expect(await codeOf(core.rpc.call(coreRpc.usersCreate, { email: 'x@test.example', firstName: 'X', lastName: 'Y', role: 'student' }, auth))).toBe('INSUFFICIENT_SCOPE');
    expect(await codeOf(core.rpc.call(coreRpc.coursesCreate, { code: 'NOPE-1', title: 'Nope', level: 'grade12' }, auth))).toBe('INSUFFICIENT_SCOPE');
    expect(await codeOf(core.rpc.call(coreRpc.apiKeysCreate, { name: 'escalate', scopes: ['users:write'] }, auth))).toBe('FORBIDDEN');
  });

  it('refuses a grade from a key without grades:write', async () => {
    const { auth } = await keyWith(['courses:read']);
    const teacher = await core.factory.teacher();
    const course = await core.factory.course({ teacher });
    const student = await core.factory.student();
    await core.factory.enrollment({ course, student });
    const assignment = await core.factory.assignment({ course });
    expect(await codeOf(core.rpc.call(coreRpc.gradesRecord, { assignmentId: assignment.id, studentId: student.id, score: 90 }, auth))).toBe('INSUFFICIENT_SCOPE');
    const writer = await keyWith(['grades:write']);
    expect(await codeOf(core.rpc.call(coreRpc.gradesRecord, { assignmentId: assignment.id, studentId: student.id, score: 90 }, writer.auth))).toBe('ok');
  });

  it('refuses revoked, tampered and malformed keys with one code', async () => {
    const { admin, created } = await keyWith(['users:read']);
    const [prefix, id, secret] = created.key.split('_') as [string, string, string];
    const tampered = `${prefix}_${id}_${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    expect(await codeOf(core.rpc.call(coreRpc.apiKeysVerify, { key: tampered }, SERVICE))).toBe('API_KEY_INVALID');
    expect(await codeOf(core.rpc.call(coreRpc.apiKeysVerify, { key: 'tec_nonsense' }, SERVICE))).toBe('API_KEY_INVALID');
    await core.rpc.call(coreRpc.apiKeysRevoke, { apiKeyId: created.apiKey.id }, as(admin));
    expect(await codeOf(core.rpc.call(coreRpc.apiKeysVerify, { key: created.key }, SERVICE))).toBe('API_KEY_INVALID');
  });

  it('is managed by admins only, and verified for platform services only', async () => {
    const teacher = await core.factory.teacher();
    expect(await codeOf(core.rpc.call(coreRpc.apiKeysCreate, { name: 'mine', scopes: ['users:read'] }, as(teacher)))).toBe('FORBIDDEN');
    expect(await codeOf(core.rpc.call(coreRpc.apiKeysList, {}, as(teacher)))).toBe('FORBIDDEN');
    const { created } = await keyWith(['users:read']);
    expect(await codeOf(core.rpc.call(coreRpc.apiKeysVerify, { key: created.key }, as(teacher)))).toBe('FORBIDDEN');
  });
});
