import { readFileSync } from 'node:fs';
import path from 'node:path';
import { allEventContracts, buildAsyncApiDocument } from './event-catalog';

describe('event catalog', () => {
  it('defines each subject once, as <domain>.v<N>.<event>', () => {
    const subjects = allEventContracts().map((contract) => contract.subject);
    expect(new Set(subjects).size).toBe(subjects.length);
    for (const subject of subjects) expect(subject).toMatch(/^[a-z][a-z_-]*\.v\d+\.[a-z][a-z0-9_]*$/);
  });

  it('matches the committed AsyncAPI document (regenerate with `npm run docs:asyncapi`)', () => {
    const committed = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../docs/asyncapi.json'), 'utf8')) as unknown;
    expect(committed).toEqual(buildAsyncApiDocument());
  });

  it('documents every payload as a JSON Schema object', () => {
    const document = buildAsyncApiDocument() as { components: { messages: Record<string, { payload: { properties: { payload: { type?: string } } } }> } };
    const messages = Object.values(document.components.messages);
    expect(messages.length).toBe(allEventContracts().length);
    for (const message of messages) expect(message.payload.properties.payload.type).toBe('object');
  });
});
