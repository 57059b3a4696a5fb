import { z } from 'zod';
import { lenientCount, lenientId, optionalText } from '../http/lenient-values.js';

/**
 * Response shapes of the HeyReach endpoints the adapter uses, parsed tolerantly: only the fields
 * the adapter reads are validated, unknown keys are ignored, ids and counts may arrive as numbers
 * or numeric strings, and booleans may be missing (read as false).
 */

/** Campaign, list and LinkedIn account ids are integers; some clients see them as strings. */
export const heyReachIntegerId = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\s*\d+\s*$/)])
  .transform((value) => Number(value));

const flag = z
  .boolean()
  .nullish()
  .transform((value) => value === true);

/** The `{offset, limit}` list envelope; `totalCount` may be missing, then page size decides. */
export const pageEnvelopeSchema = z.object({
  totalCount: z
    .union([z.number(), z.string().regex(/^\s*\d+\s*$/)])
    .nullish()
    .transform((value) => (value === null || value === undefined ? null : Number(value))),
});

export const senderAccountSchema = z.object({
  id: heyReachIntegerId,
  firstName: optionalText,
  lastName: optionalText,
  emailAddress: optionalText,
  profileUrl: optionalText,
  isActive: flag,
  authIsValid: flag,
});
export type HeyReachSenderAccount = z.output<typeof senderAccountSchema>;

export const createdListSchema = z.object({ id: heyReachIntegerId });

export const createdCampaignSchema = z.object({ campaignId: heyReachIntegerId });

export const campaignSchema = z.object({
  id: heyReachIntegerId,
  name: z.string(),
  status: z.string().min(1),
});

/** One node of a campaign's sequence tree (`PublicSequenceNodeDto`), as read back. */
export interface ParsedSequenceNode {
  readonly nodeType: string;
  readonly actionDelay: number;
  readonly actionDelayUnit: string | null;
  readonly messages: readonly string[];
  readonly conditionalNode: ParsedSequenceNode | null;
  readonly unconditionalNode: ParsedSequenceNode | null;
}

export const sequenceNodeSchema: z.ZodType<ParsedSequenceNode> = z.lazy(() =>
  z
    .object({
      nodeType: z.string().min(1),
      actionDelay: lenientCount,
      actionDelayUnit: z.string().nullish(),
      payload: z.object({ messages: z.array(z.string().nullable()).nullish() }).nullish(),
      conditionalNode: sequenceNodeSchema.nullish(),
      unconditionalNode: sequenceNodeSchema.nullish(),
    })
    .transform((node) => ({
      nodeType: node.nodeType,
      actionDelay: node.actionDelay,
      actionDelayUnit: node.actionDelayUnit ?? null,
      messages: (node.payload?.messages ?? []).filter((message): message is string => typeof message === 'string'),
      conditionalNode: node.conditionalNode ?? null,
      unconditionalNode: node.unconditionalNode ?? null,
    })),
);

export const addLeadsResultSchema = z.object({
  addedLeadsCount: lenientCount,
  updatedLeadsCount: lenientCount,
  failedLeadsCount: lenientCount,
});

/**
 * A row of `GetLeadsFromCampaign`. `linkedInUserProfile.linkedin_id` is the member id every lead
 * operation takes; the row `id` and `linkedInUserProfileId` (ACoAA…) are refused by
 * `StopLeadInCampaign`, so they are deliberately not read.
 */
export const campaignLeadSchema = z.object({
  linkedInUserProfile: z.object({
    linkedin_id: lenientId,
    profileUrl: z.string().min(1),
    firstName: optionalText,
    lastName: optionalText,
  }),
  leadCampaignStatus: z.string().nullish(),
});

export const leadProfileSchema = z.object({ linkedin_id: lenientId });

export const conversationSchema = z
  .object({
    id: z.string().min(1),
    linkedInAccountId: heyReachIntegerId.nullish(),
    linkedInAccount: z.object({ id: heyReachIntegerId }).nullish(),
  })
  .transform((conversation, context) => {
    const accountId = conversation.linkedInAccountId ?? conversation.linkedInAccount?.id;
    if (accountId === undefined || accountId === null) {
      context.addIssue({ code: 'custom', message: 'conversation without a LinkedIn account' });
      return z.NEVER;
    }
    return { id: conversation.id, accountId };
  });

/** HeyReach sends ISO instants; one without a zone designator is UTC, not the engine's local time. */
export function parseHeyReachInstant(value: string): Date | null {
  const trimmed = value.trim();
  const zoned = /(?:[zZ]|[+-]\d{2}:?\d{2})$/.test(trimmed) ? trimmed : `${trimmed}Z`;
  const date = new Date(zoned);
  return Number.isNaN(date.getTime()) ? null : date;
}

export const chatroomMessageSchema = z.object({
  createdAt: z.string().transform((value, context) => {
    const instant = parseHeyReachInstant(value);
    if (instant === null) {
      context.addIssue({ code: 'custom', message: 'createdAt is not an instant' });
      return z.NEVER;
    }
    return instant;
  }),
  body: z
    .string()
    .nullish()
    .transform((value) => value ?? ''),
  isInMail: flag,
  sender: z
    .string()
    .transform((value) => value.trim().toUpperCase())
    .pipe(z.enum(['ME', 'THEM'])),
});
export type HeyReachChatroomMessage = z.output<typeof chatroomMessageSchema>;

const statsCounters = z.record(z.string(), z.unknown());

export const overallStatsSchema = z.object({
  overallStats: statsCounters.nullish(),
  byDayStats: z.record(z.string(), statsCounters.nullish()).nullish(),
});
export type HeyReachOverallStats = z.output<typeof overallStatsSchema>;
