import { z } from 'zod';
import type { AnyRoute } from '../routing/route.js';
import { ErrorEnvelopeSchema } from './error-envelope.schema.js';

export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description: string;
}

type JsonSchema = Record<string, unknown>;
type OperationObject = Record<string, unknown>;

const COMPONENT_PREFIX = '#/components/schemas/';

/**
 * Builds the OpenAPI 3.1 document from the route table: the same zod schemas the router
 * validates with. Named schemas (`.meta({ id })`) become components referenced by `$ref`.
 */
export function buildOpenApiDocument(routes: readonly AnyRoute[], info: OpenApiInfo): JsonSchema {
  const requestIds = new Set<string>();
  const responseIds = new Set<string>([schemaIdOf(ErrorEnvelopeSchema)]);

  const paths: Record<string, Record<string, OperationObject>> = {};
  for (const route of routes) {
    const operation: OperationObject = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: [...route.tags],
      ...(route.auth === 'public' ? {} : { security: [{ [bearerSchemeFor(route.auth)]: [] }] }),
      parameters: [...parametersOf('path', route.params), ...parametersOf('query', route.query)],
      responses: responsesOf(route, (schema) => collect(responseIds, schema)),
    };
    if (route.body) {
      operation['requestBody'] = {
        required: true,
        content: { 'application/json': { schema: { $ref: COMPONENT_PREFIX + collect(requestIds, route.body) } } },
      };
    }
    (paths[route.path] ??= {})[route.method] = operation;
  }

  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      schemas: namedComponents(requestIds, responseIds),
      securitySchemes: {
        superAdminBearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Super-admin session from POST /api/super-admin/login.' },
        tenantBearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'Tenant session from POST /api/auth/login, or an API token issued by a super-admin (oex_…).',
        },
      },
    },
  };
}

function collect(ids: Set<string>, schema: z.ZodType): string {
  const id = schemaIdOf(schema);
  ids.add(id);
  return id;
}

/**
 * Components for every named schema the operations reach, nested ones included. Request bodies
 * are rendered as clients send them (`io: input`: defaulted fields optional), responses as the
 * server sends them (`io: output`). A name reachable both ways must render the same both ways,
 * or the document could not say which shape the name means: that is refused at start-up.
 */
function namedComponents(requestIds: ReadonlySet<string>, responseIds: ReadonlySet<string>): Record<string, JsonSchema> {
  const asInput = renderNamedSchemas('input');
  const asOutput = renderNamedSchemas('output');
  const fromRequests = reachable(requestIds, asInput);
  const fromResponses = reachable(responseIds, asOutput);

  const components: Record<string, JsonSchema> = {};
  for (const id of [...fromRequests, ...fromResponses].sort()) {
    const input = asInput[id];
    const output = asOutput[id];
    if (fromRequests.has(id) && fromResponses.has(id) && JSON.stringify(input) !== JSON.stringify(output)) {
      throw new Error(`Schema '${id}' is used in requests and responses but differs between them; give each its own id`);
    }
    const rendered = fromRequests.has(id) ? input : output;
    if (rendered) components[id] = rendered;
  }
  return components;
}

function renderNamedSchemas(io: 'input' | 'output'): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    uri: (id) => COMPONENT_PREFIX + id,
  }) as { schemas: Record<string, JsonSchema> };
  for (const schema of Object.values(schemas)) {
    delete schema['$schema'];
    delete schema['$id'];
  }
  return schemas;
}

/** The ids `roots` reference, transitively, through `$ref`s in their renderings. */
function reachable(roots: ReadonlySet<string>, rendered: Record<string, JsonSchema>): Set<string> {
  const found = new Set<string>();
  const pending = [...roots];
  while (pending.length) {
    const id = pending.pop()!;
    if (found.has(id)) continue;
    const schema = rendered[id];
    if (!schema) throw new Error(`Schema '${id}' is not in the schema registry`);
    found.add(id);
    for (const match of JSON.stringify(schema).matchAll(/"\$ref":"#\/components\/schemas\/([^"#]+)"/g)) {
      if (match[1]) pending.push(match[1]);
    }
  }
  return found;
}

function bearerSchemeFor(auth: Exclude<AnyRoute['auth'], 'public'>): string {
  const schemes: Record<typeof auth, string> = { super_admin: 'superAdminBearer', tenant: 'tenantBearer' };
  return schemes[auth];
}

function responsesOf(route: AnyRoute, reference: (schema: z.ZodType) => string): Record<string, unknown> {
  const errorResponse = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: `${COMPONENT_PREFIX}ErrorEnvelope` } } },
  });
  const responses: Record<string, unknown> = {};
  for (const [status, spec] of Object.entries(route.responses)) {
    responses[status] = {
      description: spec.description,
      ...(spec.headers
        ? { headers: Object.fromEntries(Object.entries(spec.headers).map(([name, h]) => [name, { description: h.description, schema: { type: 'string' } }])) }
        : {}),
      ...(spec.schema ? { content: { 'application/json': { schema: { $ref: COMPONENT_PREFIX + reference(spec.schema) } } } } : {}),
    };
  }
  // Failures every route of this shape can produce, in the shared envelope.
  if (route.auth !== 'public') responses['401'] ??= errorResponse('Missing, invalid or expired credentials.');
  if (route.auth !== 'public') responses['429'] ??= errorResponse('Request budget of this caller spent; see Retry-After.');
  if (route.permission) responses['403'] ??= errorResponse(`The caller's role lacks '${route.permission}'.`);
  if (route.auth === 'tenant' && (route.writes ?? route.method !== 'get')) {
    responses['403'] ??= errorResponse('The organization is suspended and may only read.');
  }
  if (route.params || route.query || route.body) responses['422'] ??= errorResponse('The request breaks its schema.');
  responses['500'] ??= errorResponse('Unexpected server error; details are in the server log under the request id.');
  return responses;
}

function parametersOf(location: 'path' | 'query', schema: z.ZodType | undefined): unknown[] {
  if (!schema) return [];
  if (!(schema instanceof z.ZodObject)) throw new Error(`${location} schema must be a z.object`);
  const shape = schema.shape as Record<string, z.ZodType>;
  return Object.entries(shape).map(([name, property]) => {
    const jsonSchema = z.toJSONSchema(property, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as JsonSchema;
    delete jsonSchema['$schema'];
    const description = typeof jsonSchema['description'] === 'string' ? jsonSchema['description'] : undefined;
    return {
      name,
      in: location,
      required: location === 'path' || !property.safeParse(undefined).success,
      ...(description ? { description } : {}),
      schema: jsonSchema,
    };
  });
}

function schemaIdOf(schema: z.ZodType): string {
  const id = z.globalRegistry.get(schema)?.id;
  if (typeof id !== 'string') throw new Error('Request and response schemas need .meta({ id }) to be named in OpenAPI');
  return id;
}
