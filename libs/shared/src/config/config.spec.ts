import { z } from 'zod';
import { ConfigError, env, loadConfig, serviceConfigShape } from './config';

describe('loadConfig', () => {
  it('fails fast and names every bad variable', () => {
    const shape = { ...serviceConfigShape, SENDGRID_API_KEY: env.string(), EMAIL_MAX_RETRIES: env.int(3) };
    let error: unknown;
    try {
      loadConfig(shape, { EMAIL_MAX_RETRIES: 'three', NATS_SUBJECT_PREFIX: 'has.dots' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const variables = (error as ConfigError).problems.map((problem) => problem.variable).sort();
    expect(variables).toEqual(['EMAIL_MAX_RETRIES', 'NATS_SUBJECT_PREFIX', 'SENDGRID_API_KEY']);
    expect((error as Error).message).toContain('SENDGRID_API_KEY');
  });

  it('applies defaults, parses types, ignores empty strings and freezes the result', () => {
    const config = loadConfig(
      { ...serviceConfigShape, EMAIL_MOCK: env.boolean(false), ORIGINS: env.list() },
      { EMAIL_MOCK: 'yes', ORIGINS: 'http://a, http://b,', LOG_LEVEL: '', RPC_TIMEOUT_MS: '250' },
    );
    expect(config).toMatchObject({ EMAIL_MOCK: true, ORIGINS: ['http://a', 'http://b'], LOG_LEVEL: 'info', RPC_TIMEOUT_MS: 250, NATS_SUBJECT_PREFIX: '' });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('only keeps the variables its shape declares', () => {
    const config = loadConfig({ ONLY: z.string() }, { ONLY: 'x', OTHER: 'y' });
    expect(config).toEqual({ ONLY: 'x' });
  });
});
