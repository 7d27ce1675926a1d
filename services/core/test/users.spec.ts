import { coreRpc } from '@tec/shared';
import { as, bootCore, codeOf, type CoreTestService } from './core-test-kit';

describe('users', () => {
  let core: CoreTestService;
  beforeAll(async () => {
    core = await bootCore();
  });
  afterAll(async () => {
    await core?.close();
  });

  it('lists accounts for admins with search and cursor pagination', async () => {
    const admin = await core.factory.admin();
    for (const name of ['Quinn', 'Quentin', 'Quade', 'Queenie', 'Zora']) {
      await core.factory.student({ firstName: name, email: `${name.toLowerCase()}@page.example` });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await core.rpc.call(coreRpc.usersList, { search: 'qu', limit: 2, ...(cursor ? { cursor } : {}) }, as(admin));
      seen.push(...page.items.map((user) => user.firstName));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['Quade', 'Queenie', 'Quentin', 'Quinn']);
    expect(await codeOf(core.rpc.call(coreRpc.usersList, { cursor: 'garbage', limit: 2 }, as(admin)))).toBe('VALIDATION_FAILED');
  });

  it('lets users change their own names, timezone and locale, validated', async () => {
    const student = await core.factory.student();
    const updated = await core.rpc.call(coreRpc.userUpdateProfile, { timezone: 'America/Bogota', locale: 'es-CO' }, as(student));
    expect(updated).toMatchObject({ timezone: 'America/Bogota', locale: 'es-CO', role: 'student' });
    expect(await codeOf(core.rpc.call(coreRpc.userUpdateProfile, { timezone: 'Moon/Base' }, as(student)))).toBe('VALIDATION_FAILED');
  });

  it('keeps emails unique whatever their case', async () => {
    const admin = await core.factory.admin();
    await core.rpc.call(coreRpc.usersCreate, { email: 'Case@Test.example', firstName: 'C', lastName: 'S', role: 'teacher' }, as(admin));
    expect(await codeOf(core.rpc.call(coreRpc.usersCreate, { email: 'case@test.EXAMPLE', firstName: 'C', lastName: 'S', role: 'teacher' }, as(admin)))).toBe('ALREADY_EXISTS');
  });
});
