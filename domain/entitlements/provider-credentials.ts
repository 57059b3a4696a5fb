import type { FieldProblem } from '../shared/domain-error.js';
import { InvalidProviderConfigError } from './entitlement-errors.js';

/** An organization's credentials for one provider, decrypted: what provider adapters are given. */
export interface ProviderCredentials {
  readonly apiKey: string;
  /** The provider workspace the key belongs to, for providers that have workspaces. */
  readonly workspaceId: string | null;
}

export const API_KEY_MAX_LENGTH = 512;
export const WORKSPACE_ID_MAX_LENGTH = 200;

type OptionalCredentialField = 'workspace_id';

/**
 * Settings a provider's credentials may carry besides `api_key`, by provider slug. Data rather
 * than code paths: adding a provider setting is a row here, not a branch somewhere else.
 */
const OPTIONAL_FIELDS_BY_PROVIDER: Readonly<Record<string, readonly OptionalCredentialField[]>> = {
  instantly: ['workspace_id'],
};

/**
 * Reads the `config` object a super-admin sends for a provider: `api_key` (a non-empty string of
 * at most 512 characters, surrounding whitespace dropped) plus the optional settings that provider
 * knows. Unknown keys are refused rather than silently dropped. Problems name fields, never values.
 */
export function providerCredentialsFromConfig(providerSlug: string, config: Readonly<Record<string, unknown>>): ProviderCredentials {
  const allowed = new Set<string>(['api_key', ...(OPTIONAL_FIELDS_BY_PROVIDER[providerSlug] ?? [])]);
  const problems: FieldProblem[] = Object.keys(config)
    .filter((key) => !allowed.has(key))
    .map((key) => ({ loc: ['config', key], msg: 'is not a setting of this provider', type: 'unknown_setting' }));

  const apiKey = requiredText(config['api_key'], 'api_key', API_KEY_MAX_LENGTH, problems);
  const workspaceId =
    allowed.has('workspace_id') && config['workspace_id'] !== undefined && config['workspace_id'] !== null
      ? requiredText(config['workspace_id'], 'workspace_id', WORKSPACE_ID_MAX_LENGTH, problems)
      : null;

  if (problems.length || apiKey === null) throw new InvalidProviderConfigError(problems);
  return { apiKey, workspaceId };
}

function requiredText(value: unknown, field: string, maxLength: number, problems: FieldProblem[]): string | null {
  const loc = ['config', field];
  if (typeof value !== 'string') {
    problems.push({ loc, msg: value === undefined ? 'is required' : 'must be a string', type: value === undefined ? 'missing' : 'not_a_string' });
    return null;
  }
  const trimmed = value.trim();
  if (trimmed === '') {
    problems.push({ loc, msg: 'must not be empty', type: 'empty' });
    return null;
  }
  if (trimmed.length > maxLength) {
    problems.push({ loc, msg: `must be at most ${maxLength} characters`, type: 'too_long' });
    return null;
  }
  return trimmed;
}
