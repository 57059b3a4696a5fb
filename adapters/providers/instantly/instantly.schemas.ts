import { z } from 'zod';
import { lenientCount, lenientId, optionalText } from '../http/lenient-values.js';

/**
 * Instantly API v2 response shapes, as far as the adapter reads them. Unknown keys are dropped
 * (Instantly adds fields often), numbers are accepted as numeric strings, and only what the
 * adapter uses is required.
 */

/** A status code, which may be negative (Instantly uses -1, -2, -3, -99). */
const statusCode = z.union([z.number().int(), z.string().regex(/^\s*-?\d+\s*$/)]).transform(Number);

/** A count that may be absent: absence matters where a unique count falls back to a total. */
const countOrAbsent = z
  .union([z.number(), z.string().regex(/^\s*\d+(\.\d+)?\s*$/)])
  .nullish()
  .transform((value) => (value === null || value === undefined ? null : Number(value)))
  .pipe(z.number().finite().min(0).nullable());

/** `{items, next_starting_after}`; the cursor may be a UUID, a timestamp or an email address. */
export function cursorPageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    next_starting_after: z.union([z.string(), z.number()]).nullish().transform((value) => (value === null || value === undefined || value === '' ? null : String(value))),
  });
}

export const instantlyAccountSchema = z.object({
  email: z.string().min(1),
  first_name: optionalText,
  last_name: optionalText,
  status: statusCode.nullish(),
  warmup_status: statusCode.nullish(),
});
export type InstantlyAccount = z.output<typeof instantlyAccountSchema>;

export const instantlyVariantSchema = z.object({
  subject: z.string().nullish().transform((value) => value ?? ''),
  body: z.string().nullish().transform((value) => value ?? ''),
  v_disabled: z.boolean().nullish().transform((value) => value === true),
});

export const instantlyDelayUnitSchema = z.enum(['minutes', 'hours', 'days']);
export type InstantlyDelayUnit = z.output<typeof instantlyDelayUnitSchema>;

export const instantlyStepSchema = z.object({
  delay: lenientCount,
  delay_unit: instantlyDelayUnitSchema.nullish().transform((value) => value ?? 'days'),
  variants: z.array(instantlyVariantSchema),
});
export type InstantlyStep = z.output<typeof instantlyStepSchema>;

export const instantlyCampaignSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  status: statusCode,
  sequences: z
    .array(z.object({ steps: z.array(instantlyStepSchema).nullish().transform((steps) => steps ?? []) }))
    .nullish()
    .transform((sequences) => sequences ?? []),
});
export type InstantlyCampaign = z.output<typeof instantlyCampaignSchema>;

/** A count Instantly always sends: its absence means the body is not what the endpoint answers. */
const requiredCount = z
  .union([z.number(), z.string().regex(/^\s*\d+\s*$/)])
  .transform(Number)
  .pipe(z.number().int().min(0));

export const instantlyAddLeadsResultSchema = z.object({
  leads_uploaded: requiredCount,
  in_blocklist: lenientCount,
  duplicated_leads: lenientCount,
  skipped_count: lenientCount,
  invalid_email_count: lenientCount,
  incomplete_count: lenientCount,
  duplicate_email_count: lenientCount,
  created_leads: z
    .array(z.object({ id: lenientId, email: z.string().min(1) }))
    .nullish()
    .transform((created) => created ?? []),
});
export type InstantlyAddLeadsResult = z.output<typeof instantlyAddLeadsResultSchema>;

export const instantlyLeadSchema = z.object({
  id: lenientId,
  email: z.string().min(1),
  first_name: optionalText,
  last_name: optionalText,
  company_name: optionalText,
  status: statusCode.nullish(),
});
export type InstantlyLead = z.output<typeof instantlyLeadSchema>;

/** An email must carry a readable date (when it was sent, else when Instantly stored it). */
export const instantlyEmailSchema = z
  .object({
  id: lenientId,
  timestamp_email: optionalText,
  timestamp_created: optionalText,
  subject: optionalText,
  from_address_email: optionalText,
  to_address_email_list: optionalText,
  body: z.object({ text: optionalText, html: optionalText }).nullish(),
  content_preview: optionalText,
  ue_type: statusCode.nullish(),
  step: z.union([z.string(), z.number()]).nullish(),
  })
  .refine((email) => !Number.isNaN(Date.parse(email.timestamp_email ?? email.timestamp_created ?? '')));
export type InstantlyEmail = z.output<typeof instantlyEmailSchema>;

export const instantlyCampaignAnalyticsSchema = z.object({
  campaign_id: optionalText,
  emails_sent_count: countOrAbsent,
  open_count: countOrAbsent,
  open_count_unique: countOrAbsent,
  link_click_count: countOrAbsent,
  link_click_count_unique: countOrAbsent,
  reply_count: countOrAbsent,
  reply_count_unique: countOrAbsent,
  bounced_count: countOrAbsent,
  unsubscribed_count: countOrAbsent,
});
export type InstantlyCampaignAnalytics = z.output<typeof instantlyCampaignAnalyticsSchema>;
