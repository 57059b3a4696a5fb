import { describe, expect, it } from 'vitest';
import { InvalidProviderConfigError } from '../../../domain/entitlements/entitlement-errors.js';
import { API_KEY_MAX_LENGTH, providerCredentialsFromConfig } from '../../../domain/entitlements/provider-credentials.js';

const KEY = 'sk-live-0123456789abcdef';

function problemsOf(providerSlug: string, config: Record<string, unknown>): { loc: readonly (string | number)[]; type: string }[] {
  try {
    providerCredentialsFromConfig(providerSlug, config);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidProviderConfigError);
    expect(error).toMatchObject({ code: 'invalid_provider_config', kind: 'invalid_input' });
    return [...(error as InvalidProviderConfigError).problems];
  }
  throw new Error('expected InvalidProviderConfigError');
}

describe('providerCredentialsFromConfig', () => {
  it('reads an api key, dropping surrounding whitespace', () => {
    expect(providerCredentialsFromConfig('smartlead', { api_key: `  ${KEY}\n` })).toEqual({ apiKey: KEY, workspaceId: null });
  });

  it('reads a workspace id for a provider that has workspaces', () => {
    expect(providerCredentialsFromConfig('instantly', { api_key: KEY, workspace_id: 'ws-1' })).toEqual({ apiKey: KEY, workspaceId: 'ws-1' });
    expect(providerCredentialsFromConfig('instantly', { api_key: KEY, workspace_id: null })).toEqual({ apiKey: KEY, workspaceId: null });
  });

  it.each([
    ['a missing key', {}, [['config', 'api_key']]],
    ['an empty key', { api_key: '   ' }, [['config', 'api_key']]],
    ['a key that is not a string', { api_key: 42 }, [['config', 'api_key']]],
    ['an overlong key', { api_key: 'k'.repeat(API_KEY_MAX_LENGTH + 1) }, [['config', 'api_key']]],
    ['a setting the provider does not know', { api_key: KEY, workspace_id: 'ws-1', region: 'eu' }, [['config', 'workspace_id'], ['config', 'region']]],
  ])('refuses %s, naming the fields', (_label, config, locs) => {
    expect(problemsOf('smartlead', config).map((problem) => problem.loc)).toEqual(locs);
  });

  it('refuses an empty workspace id where workspaces exist', () => {
    expect(problemsOf('instantly', { api_key: KEY, workspace_id: '' }).map((problem) => problem.loc)).toEqual([['config', 'workspace_id']]);
  });

  it('never repeats a value in its problems', () => {
    const secret = 'k'.repeat(API_KEY_MAX_LENGTH + 1);
    const text = JSON.stringify(problemsOf('smartlead', { api_key: secret, extra: 'another-secret-value' }));
    expect(text).not.toContain(secret.slice(0, 20));
    expect(text).not.toContain('another-secret-value');
  });
});
