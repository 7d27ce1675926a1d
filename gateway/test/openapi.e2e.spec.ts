import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { GATEWAY_CONTROLLERS } from '../src/app.module';
import { ENDPOINT } from '../src/http/endpoint.decorator';
import { http, startStack, type Stack } from './harness';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

/** Every route the gateway registers, read from the controllers' own metadata. */
function registeredRoutes(): { method: string; path: string; described: boolean }[] {
  const routes: { method: string; path: string; described: boolean }[] = [];
  for (const controller of GATEWAY_CONTROLLERS) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as unknown as Record<string, unknown>)[name];
      if (typeof handler !== 'function' || name === 'constructor') continue;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (path === undefined || method === undefined) continue;
      const full = `/api/v1/${[base, path].filter((part) => part && part !== '/').join('/')}`.replace(/:(\w+)/g, '{$1}');
      routes.push({ method: RequestMethod[method].toLowerCase(), path: full, described: Reflect.getMetadata(ENDPOINT, handler) !== undefined });
    }
  }
  return routes;
}

describe('OpenAPI', () => {
  it('describes every route, with its security and its error shape', async () => {
    const reply = await http<{ paths: Record<string, Record<string, { summary?: string; responses: Record<string, unknown> }>> }>(stack, 'GET', '/api/docs-json');
    expect(reply.status).toBe(200);
    const routes = registeredRoutes();
    expect(routes.length).toBeGreaterThan(25);
    const undocumented = routes.filter((route) => !reply.body.paths[route.path]?.[route.method]?.summary);
    expect(undocumented).toEqual([]);
    expect(routes.filter((route) => !route.described)).toEqual([]);
    const login = reply.body.paths['/api/v1/auth/login']!.post!;
    expect(Object.keys(login.responses)).toEqual(expect.arrayContaining(['200', '400', '429']));
  });

  it('serves the Swagger UI', async () => {
    const response = await fetch(`${stack.url}/api/docs`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('swagger');
  });
});
