import { z } from 'zod';
import { lenientCount, lenientId, optionalText } from '../http/lenient-values.js';

/*
 * The parts of Smartlead's responses the adapter uses (providers.md §2.2). Parsing is tolerant —
 * unknown keys are dropped, counts may be numeric strings, optional text may be null — but what
 * the adapter reads is validated: a body without it is a malformed response, never a guess.
 */

/** A count that may be absent; null keeps "absent" apart from 0 where a fallback field exists. */
const optionalCount = z.union([z.number(), z.string().regex(/^\s*\d+(\.\d+)?\s*$/)]).nullish().transform((value) => (value === null || value === undefined ? null : Number(value)));

/** `GET /email-accounts/` item. */
export const SmartleadEmailAccount = z.object({
  id: lenientId,
  from_email: z.string().min(1),
  from_name: optionalText,
  is_smtp_success: z.boolean().nullish(),
  is_imap_success: z.boolean().nullish(),
  /** Absent: the response does not say; null: the account belongs to no client. */
  client_id: lenientId.nullable().optional(),
  warmup_details: z.object({ status: z.string().nullish() }).nullish(),
});
export type SmartleadEmailAccount = z.output<typeof SmartleadEmailAccount>;

export const SmartleadEmailAccountPage = z.array(SmartleadEmailAccount);

/** `POST /campaigns/create` → `{ok, id, name, created_at}`. */
export const SmartleadCreatedCampaign = z.object({
  ok: z.boolean().optional(),
  id: lenientId,
  name: optionalText,
});

/** `GET /campaigns/{id}`, and each item of `GET /campaigns/`. */
export const SmartleadCampaign = z.object({
  id: lenientId,
  name: optionalText,
  status: z.string().min(1),
  /** Absent: the response does not say; null: the campaign belongs to no client. */
  client_id: lenientId.nullable().optional(),
});
export type SmartleadCampaign = z.output<typeof SmartleadCampaign>;

/** `GET /campaigns/`: a bare array of every campaign, unpaged. */
export const SmartleadCampaignList = z.array(SmartleadCampaign);

/** One variant inside `sequence_variants` on read. */
export const SmartleadSequenceVariant = z.object({
  id: lenientId,
  variant_label: z.string(),
  subject: z.string().nullish(),
  email_body: z.string().nullish(),
  variant_distribution_percentage: optionalCount,
  is_deleted: z.boolean().nullish(),
});
export type SmartleadSequenceVariant = z.output<typeof SmartleadSequenceVariant>;

/**
 * One step of `GET /campaigns/{id}/sequences`: the read spells the delay `delayInDays` and the
 * variants `sequence_variants`, unlike the write (`delay_in_days`, `seq_variants`). The write
 * spelling is accepted too, in case a future response mirrors the request.
 */
export const SmartleadSequenceStep = z.object({
  id: lenientId,
  seq_number: z.coerce.number().int().min(1),
  subject: z.string().nullish(),
  email_body: z.string().nullish(),
  seq_delay_details: z
    .object({ delayInDays: optionalCount, delay_in_days: optionalCount })
    .nullish(),
  sequence_variants: z.array(SmartleadSequenceVariant).nullish(),
});
export type SmartleadSequenceStep = z.output<typeof SmartleadSequenceStep>;

export const SmartleadSequence = z.array(SmartleadSequenceStep);

/**
 * `POST /campaigns/{id}/leads`, the shape users observed live. SL-DOCS shows another one
 * (`{success, added_count, skipped_count}`); providers.md §2.2 takes the observed one.
 * `unsubscribed_leads` is a list of addresses; a count is accepted too.
 */
export const SmartleadAddLeadsResult = z.object({
  ok: z.boolean().optional(),
  upload_count: lenientCount,
  total_leads: lenientCount,
  already_added_to_campaign: lenientCount,
  duplicate_count: lenientCount,
  invalid_email_count: lenientCount,
  unsubscribed_leads: z.union([z.array(z.unknown()), lenientCount]).nullish(),
  block_count: lenientCount,
  bounce_count: lenientCount,
  lead_import_stopped_count: lenientCount,
});
export type SmartleadAddLeadsResult = z.output<typeof SmartleadAddLeadsResult>;

export const SmartleadLead = z.object({
  id: lenientId,
  email: z.string().min(1),
  first_name: optionalText,
  last_name: optionalText,
  company_name: optionalText,
  is_unsubscribed: z.boolean().nullish(),
  unsubscribed_client_id_map: z.record(z.string(), z.unknown()).nullish(),
});
export type SmartleadLead = z.output<typeof SmartleadLead>;

/** `GET /campaigns/{id}/leads` → `{total_leads, offset, limit, data:[…]}`. */
export const SmartleadCampaignLeadPage = z.object({
  total_leads: optionalCount,
  data: z.array(
    z.object({
      campaign_lead_map_id: lenientId.nullish(),
      status: z.string().min(1),
      lead: SmartleadLead,
    }),
  ),
});
export type SmartleadCampaignLeadPage = z.output<typeof SmartleadCampaignLeadPage>;

/** `GET /leads/?email=`: the lead, or `{}` for an address Smartlead does not know. */
export const SmartleadLeadLookup = z.object({ id: lenientId.optional() });

/** One entry of `{history:[…]}` from `GET /campaigns/{cid}/leads/{lid}/message-history`. */
export const SmartleadHistoryMessage = z.object({
  type: z.string().min(1),
  time: z.string().min(1),
  message_id: optionalText,
  stats_id: optionalText,
  from: optionalText,
  to: optionalText,
  subject: optionalText,
  email_body: optionalText,
  email_seq_number: optionalCount,
});
export type SmartleadHistoryMessage = z.output<typeof SmartleadHistoryMessage>;

export const SmartleadMessageHistory = z.array(SmartleadHistoryMessage);

/** `GET /campaigns/{id}/analytics`; every count may be a string. */
export const SmartleadCampaignAnalytics = z.object({
  sent_count: lenientCount,
  open_count: lenientCount,
  unique_open_count: optionalCount,
  click_count: lenientCount,
  unique_click_count: optionalCount,
  reply_count: lenientCount,
  bounce_count: lenientCount,
  unsubscribed_count: lenientCount,
});
export type SmartleadCampaignAnalytics = z.output<typeof SmartleadCampaignAnalytics>;

/** Writes whose answer varies (`{ok, data}`, `{ok:true}`, plain text): only an explicit refusal matters. */
export function isExplicitRefusal(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { ok?: unknown }).ok === false;
}
