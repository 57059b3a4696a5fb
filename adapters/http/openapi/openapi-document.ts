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
  const requestSchemas = z.registry<{ id: string }>();
  const responseSchemas = z.registry<{ id: string }>();
  const register = (registry: typeof requestSchemas, schema: z.ZodType): string => {
    const id = schemaIdOf(schema);
    if (!registry.has(schema)) registry.add(schema, { id });
    return id;
  };
  register(responseSchemas, ErrorEnvelopeSchema);

  const paths: Record<string, Record<string, OperationObject>> = {};
  for (const route of routes) {
    const operation: OperationObject = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: [...route.tags],
      ...(route.auth === 'public' ? {} : { security: [{ [bearerSchemeFor(route.auth)]: [] }] }),
      parameters: [...parametersOf('path', route.params), ...parametersOf('query', route.query)],
      responses: responsesOf(route, (schema) => register(responseSchemas, schema)),
    };
    if (route.body) {
      operation['requestBody'] = {
        required: true,
        content: { 'application/json': { schema: { $ref: COMPONENT_PREFIX + register(requestSchemas, route.body) } } },
      };
    }
    (paths[route.path] ??= {})[route.method] = operation;
  }

  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      schemas: { ...componentsOf(requestSchemas, 'input'), ...componentsOf(responseSchemas, 'output') },
      securitySchemes: {
        superAdminBearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Super-admin session from POST /api/super-admin/login.' },
      },
    },
  };
}

function bearerSchemeFor(auth: Exclude<AnyRoute['auth'], 'public'>): string {
  const schemes: Record<typeof auth, string> = { super_admin: 'superAdminBearer' };
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

function componentsOf(registry: z.core.$ZodRegistry<{ id: string }>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(registry, {
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

function schemaIdOf(schema: z.ZodType): string {
  const id = z.globalRegistry.get(schema)?.id;
  if (typeof id !== 'string') throw new Error('Request and response schemas need .meta({ id }) to be named in OpenAPI');
  return id;
}
