/**
 * What a company can be given. Front ends and tenants only ever speak in capabilities; which
 * provider fulfils one is the engine's secret.
 */
export const CAPABILITY_SLUGS = ['email_outreach', 'linkedin_outreach'] as const;

export type CapabilitySlug = (typeof CAPABILITY_SLUGS)[number];

/** How a capability is named in messages a tenant reads (errors included). */
export const CAPABILITY_LABELS: Readonly<Record<CapabilitySlug, string>> = {
  email_outreach: 'Email outreach',
  linkedin_outreach: 'LinkedIn outreach',
};

export function isCapabilitySlug(value: string): value is CapabilitySlug {
  return (CAPABILITY_SLUGS as readonly string[]).includes(value);
}

/** "Email outreach" reads "email outreach" mid-sentence; a brand spelling such as "LinkedIn" stays. */
export function capabilityMidSentence(capability: CapabilitySlug): string {
  return CAPABILITY_LABELS[capability].replace(/^[A-Z][a-z]*\b/, (word) => word.toLowerCase());
}
