import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildOpenApiDocument } from '../../../adapters/http/openapi/openapi-document.js';
import { defineRoute, type AnyRoute } from '../../../adapters/http/routing/route.js';

const INFO = { title: 'Test API', version: '9.9.9', description: 'A tiny route table.' };

const Widget = z
  .object({ id: z.uuid(), name: z.string(), tags: z.array(z.string()).default([]) })
  .meta({ id: 'TestWidget' });
const WidgetCreate = z
  .object({ name: z.string().min(1), tags: z.array(z.string()).default([]) })
  .meta({ id: 'TestWidgetCreate' });
const WidgetParams = z.object({ widget_id: z.uuid().describe('The widget id.') });
const WidgetQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  after: z.string().optional(),
  q: z.string().min(1),
});

const ok = async () => ({ status: 200 });

const getWidget = defineRoute({
  method: 'get',
  path: '/widgets/{widget_id}',
  operationId: 'get_widget',
  summary: 'Read a widget.',
  description: 'The whole widget.',
  tags: ['widgets'],
  auth: 'super_admin',
  params: WidgetParams,
  query: WidgetQuery,
  responses: { 200: { description: 'The widget.', schema: Widget } },
  handle: ok,
});
const createWidget = defineRoute({
  method: 'post',
  path: '/widgets',
  operationId: 'create_widget',
  summary: 'Create a widget.',
  tags: ['widgets'],
  auth: 'super_admin',
  body: WidgetCreate,
  responses: {
    201: { description: 'Created.', schema: Widget, headers: { Location: { description: 'Where it lives.' } } },
    // A route may declare its own 422; the generic one must not replace it.
    422: { description: 'Custom validation answer.' },
  },
  handle: ok,
});
const deleteWidget = defineRoute({
  method: 'delete',
  path: '/widgets/{widget_id}',
  operationId: 'delete_widget',
  summary: 'Delete a widget.',
  tags: ['widgets'],
  auth: 'super_admin',
  params: WidgetParams,
  responses: { 204: { description: 'Gone.' } },
  handle: ok,
});
const health = defineRoute({
  method: 'get',
  path: '/health',
  operationId: 'health',
  summary: 'Liveness.',
  tags: ['ops'],
  auth: 'public',
  responses: { 204: { description: 'Alive.' } },
  handle: ok,
});

type Json = Record<string, unknown>;

function build(routes: readonly AnyRoute[] = [getWidget, createWidget, deleteWidget, health]) {
  return buildOpenApiDocument(routes, INFO) as {
    openapi: string;
    info: unknown;
    paths: Record<string, Record<string, Json & { parameters: Json[]; responses: Record<string, Json> }>>;
    components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json> };
  };
}

function operation(path: string, method: string) {
  const found = build().paths[path]?.[method];
  if (!found) throw new Error(`no ${method} ${path} in the document`);
  return found;
}

const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } };

describe('buildOpenApiDocument', () => {
  it('is an OpenAPI 3.1 document with the given info and one entry per path and method', () => {
    const document = build();

    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toEqual(INFO);
    expect(Object.keys(document.paths).sort()).toEqual(['/health', '/widgets', '/widgets/{widget_id}']);
    expect(Object.keys(document.paths['/widgets/{widget_id}'] ?? {}).sort()).toEqual(['delete', 'get']);
  });

  it('copies operation id, summary, description and tags', () => {
    expect(operation('/widgets/{widget_id}', 'get')).toMatchObject({
      operationId: 'get_widget',
      summary: 'Read a widget.',
      description: 'The whole widget.',
      tags: ['widgets'],
    });
    expect(operation('/widgets', 'post')).not.toHaveProperty('description');
  });

  it('requires the super-admin bearer scheme on protected routes only', () => {
    const document = build();

    expect(operation('/widgets', 'post')['security']).toEqual([{ superAdminBearer: [] }]);
    expect(operation('/health', 'get')).not.toHaveProperty('security');
    expect(document.components.securitySchemes['superAdminBearer']).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('describes path parameters as required and query parameters as required only without default or optional', () => {
    const parameters = operation('/widgets/{widget_id}', 'get').parameters;

    expect(parameters.map((parameter) => [parameter['in'], parameter['name'], parameter['required']])).toEqual([
      ['path', 'widget_id', true],
      ['query', 'limit', false],
      ['query', 'after', false],
      ['query', 'q', true],
    ]);
    expect(parameters[0]).toMatchObject({ description: 'The widget id.', schema: { type: 'string', format: 'uuid' } });
    expect(parameters[1]?.['schema']).toMatchObject({ type: 'integer', minimum: 1, maximum: 100, default: 20 });
    for (const parameter of parameters) expect(parameter['schema']).not.toHaveProperty('$schema');
  });

  it('lists no parameters for a route without params or query', () => {
    expect(operation('/health', 'get').parameters).toEqual([]);
  });

  it('references the request body and response schemas by $ref to named components', () => {
    const document = build();
    const create = operation('/widgets', 'post');

    expect(create['requestBody']).toEqual({
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/TestWidgetCreate' } } },
    });
    expect(create.responses['201']).toEqual({
      description: 'Created.',
      headers: { Location: { description: 'Where it lives.', schema: { type: 'string' } } },
      content: { 'application/json': { schema: { $ref: '#/components/schemas/TestWidget' } } },
    });
    expect(operation('/widgets/{widget_id}', 'get').responses['200']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/TestWidget' } } },
    });
    expect(document.components.schemas['TestWidget']).toMatchObject({ type: 'object', required: ['id', 'name', 'tags'] });
    expect(document.components.schemas['ErrorEnvelope']).toMatchObject({ type: 'object' });
    for (const schema of Object.values(document.components.schemas)) {
      expect(schema).not.toHaveProperty('$schema');
      expect(schema).not.toHaveProperty('$id');
    }
  });

  it('documents request bodies as input (defaults optional) and responses as output (defaults present)', () => {
    const { schemas } = build().components;

    expect(schemas['TestWidgetCreate']?.['required']).toEqual(['name']);
    expect(schemas['TestWidget']?.['required']).toContain('tags');
  });

  it('adds 401 and 429 to protected routes, 422 to routes with inputs and 500 everywhere, in the error envelope', () => {
    const get = operation('/widgets/{widget_id}', 'get').responses;
    const remove = operation('/widgets/{widget_id}', 'delete').responses;
    const alive = operation('/health', 'get').responses;

    expect(Object.keys(get).sort()).toEqual(['200', '401', '422', '429', '500']);
    expect(Object.keys(remove).sort()).toEqual(['204', '401', '422', '429', '500']);
    expect(Object.keys(alive).sort()).toEqual(['204', '500']);
    expect(get['401']).toMatchObject({ content: errorContent });
    expect(get['422']).toMatchObject({ content: errorContent });
    expect(get['429']).toMatchObject({ content: errorContent });
    expect(alive['500']).toMatchObject({ content: errorContent });
  });

  it('keeps a response a route declares itself instead of the generic one', () => {
    expect(operation('/widgets', 'post').responses['422']).toEqual({ description: 'Custom validation answer.' });
  });

  it('declares no content for a response without a schema', () => {
    expect(operation('/widgets/{widget_id}', 'delete').responses['204']).toEqual({ description: 'Gone.' });
  });

  it('refuses a body schema without .meta({ id })', () => {
    const anonymous = defineRoute({ ...createWidget, operationId: 'anonymous_body', body: z.object({ name: z.string() }) });

    expect(() => build([anonymous])).toThrow(/need \.meta\(\{ id \}\)/);
  });

  it('refuses a response schema without .meta({ id })', () => {
    const anonymous = defineRoute({
      ...health,
      operationId: 'anonymous_response',
      responses: { 200: { description: 'x', schema: z.object({ up: z.boolean() }) } },
    });

    expect(() => build([anonymous])).toThrow(/need \.meta\(\{ id \}\)/);
  });

  it.each([
    ['path', { params: z.string() }],
    ['query', { query: z.array(z.string()) }],
  ])('refuses a %s schema that is not a z.object', (location, part) => {
    const broken = defineRoute({ ...health, operationId: `broken_${location}`, ...part } as typeof health);

    expect(() => build([broken])).toThrow(`${location} schema must be a z.object`);
  });
  it('publishes nested named schemas as components, so every $ref resolves', () => {
    const Part = z.object({ sku: z.string() }).meta({ id: 'TestPart' });
    const Assembly = z.object({ parts: z.array(Part) }).meta({ id: 'TestAssembly' });
    const route = defineRoute({ ...health, operationId: 'assembly', responses: { 200: { description: 'x', schema: Assembly } } });
    const document = build([route]) as { components: { schemas: Record<string, unknown> } };

    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"([^"]+)"/g)].map((match) => match[1]!);
    expect(refs).toContain('#/components/schemas/TestPart');
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\/[A-Za-z]+$/);
      expect(document.components.schemas, ref).toHaveProperty(ref.replace('#/components/schemas/', ''));
    }
  });

  it('refuses one schema id used as a body and a response when the two shapes differ', () => {
    const Both = z.object({ tags: z.array(z.string()).default([]) }).meta({ id: 'TestBothWays' });
    const route = defineRoute({ ...createWidget, operationId: 'both_ways', body: Both, responses: { 201: { description: 'x', schema: Both } } });

    expect(() => build([route])).toThrow(/TestBothWays.*differs/);
  });
});
