/**
 * Everything an adapter needs to act for one company: the organization's decrypted credentials
 * for the provider and the company's binding on the provider side. Built by the provider registry
 * from a `connected` entitlement only; adapters never look anything up themselves.
 */
export interface ProviderConnection {
  readonly apiKey: string;
  /** The provider workspace the key belongs to, where the provider has one and it was configured. */
  readonly workspaceId: string | null;
  /** The provider-side client (sub-account) the company is bound to, where the provider has one. */
  readonly clientId: string | null;
}
