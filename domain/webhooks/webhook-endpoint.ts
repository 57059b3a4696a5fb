/**
 * A URL token a super-admin issued to one organization for one provider's webhooks: a delivery
 * to `/api/webhooks/{provider}/{token}` belongs to that organization whatever its payload says.
 * Several may be active at once, so a token can be rotated without losing deliveries: issue the
 * new one, reconfigure the provider, then revoke the old one.
 */
export interface WebhookEndpoint {
  readonly id: string;
  readonly orgId: string;
  readonly providerId: string;
  /** Carried along so answers can name the provider without a catalogue lookup (super-admins only). */
  readonly providerSlug: string;
  readonly status: 'active' | 'revoked';
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}
