import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The front end's OpenAPI contract (copied from shared/reference into tests/fixtures) and a
 * small checker for the subset of JSON Schema it uses: our responses must keep every required
 * field, with the declared type, enum and date-time format. Extra fields are allowed (additive).
 */
type Schema = {
  $ref?: string;
  type?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  format?: string;
};

const contract = JSON.parse(
  readFileSync(fileURLToPath(new URL('../fixtures/oex-frontend-openapi.json', import.meta.url)), 'utf8'),
) as { components: { schemas: Record<string, Schema> }; paths: Record<string, Record<string, unknown>> };

export function referenceHasOperation(method: string, path: string): boolean {
  return Boolean(contract.paths[path]?.[method.toLowerCase()]);
}

/** Problems found, as `path: message` strings; empty when the value honours the schema. */
export function contractProblems(schemaName: string, value: unknown): string[] {
  const schema = contract.components.schemas[schemaName];
  if (!schema) throw new Error(`reference contract has no schema ${schemaName}`);
  return check(schema, value, '$');
}

function check(schema: Schema, value: unknown, at: string): string[] {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = contract.components.schemas[name];
    if (!target) return [`${at}: unresolved ${schema.$ref}`];
    return check(target, value, at);
  }
  if (schema.anyOf) {
    return schema.anyOf.some((option) => check(option, value, at).length === 0) ? [] : [`${at}: matches no anyOf option`];
  }
  if (schema.enum && !schema.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} not in enum`];
  switch (schema.type) {
    case 'null':
      return value === null ? [] : [`${at}: expected null`];
    case 'string':
      if (typeof value !== 'string') return [`${at}: expected string`];
      if (schema.format === 'date-time' && Number.isNaN(Date.parse(value))) return [`${at}: expected date-time`];
      return [];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${at}: expected integer`];
    case 'number':
      return typeof value === 'number' ? [] : [`${at}: expected number`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at}: expected boolean`];
    case 'array':
      if (!Array.isArray(value)) return [`${at}: expected array`];
      return value.flatMap((item, index) => (schema.items ? check(schema.items, item, `${at}[${index}]`) : []));
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${at}: expected object`];
      const record = value as Record<string, unknown>;
      const missing = (schema.required ?? []).filter((key) => !(key in record)).map((key) => `${at}.${key}: required`);
      const invalid = Object.entries(schema.properties ?? {}).flatMap(([key, property]) =>
        key in record ? check(property, record[key], `${at}.${key}`) : [],
      );
      return [...missing, ...invalid];
    }
    default:
      return [];
  }
}

interface ContractResponse {
  content?: Record<string, { schema?: Schema }>;
}

/**
 * Problems of a response body measured against what the reference contract declares for this
 * operation (`path` is the OpenAPI template, e.g. `/api/companies/{company_id}`) and status.
 * `null` when the contract declares no such operation or no such status for it; a declared
 * status without content demands an empty body.
 */
export function referenceResponseProblems(method: string, path: string, status: number, body: unknown): string[] | null {
  const operation = contract.paths[path]?.[method.toLowerCase()] as { responses?: Record<string, ContractResponse> } | undefined;
  const response = operation?.responses?.[String(status)];
  if (!response) return null;
  const schema = response.content?.['application/json']?.schema;
  if (!schema) return body === undefined || body === null || body === '' ? [] : ['$: the contract declares no body'];
  return check(schema, body, '$');
}
