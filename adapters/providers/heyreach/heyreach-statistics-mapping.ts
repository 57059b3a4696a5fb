import type { LinkedInCampaignStatistics } from '../../../application/outreach/linkedin-outreach-provider.port.js';
import { lenientCount } from '../http/lenient-values.js';
import type { HeyReachOverallStats } from './heyreach.schemas.js';

/** Where each engine counter comes from in a `GetOverallStats` counter set. */
const COUNTER_SOURCES: Readonly<Record<keyof LinkedInCampaignStatistics, string>> = {
  connectionsSent: 'connectionsSent',
  connectionsAccepted: 'connectionsAccepted',
  messagesSent: 'messagesSent',
  messageReplies: 'totalMessageReplies',
  inmailsSent: 'inmailMessagesSent',
  inmailReplies: 'totalInmailReplies',
};

/** A counter value that is neither a count nor absent makes the whole response malformed. */
export class UnreadableStatisticsError extends Error {
  constructor(counter: string) {
    super(`statistics counter ${counter} is not a count`);
    this.name = 'UnreadableStatisticsError';
  }
}

/**
 * Per counter: the `overallStats` total when HeyReach sends that counter, otherwise the sum of
 * `byDayStats`. A live audit saw `overallStats` with only "four counters" ([CONFLICT]); taking
 * each counter where it exists never double-counts and never loses the ones it lacks.
 */
export function statisticsFromOverallStats(stats: HeyReachOverallStats): LinkedInCampaignStatistics {
  const overall = stats.overallStats ?? null;
  const days = Object.values(stats.byDayStats ?? {}).filter((day): day is Record<string, unknown> => day !== null && day !== undefined);
  const counter = (source: string): number => {
    if (overall !== null && overall[source] !== undefined) return countOf(source, overall[source]);
    return days.reduce((sum, day) => sum + countOf(source, day[source]), 0);
  };
  return {
    connectionsSent: counter(COUNTER_SOURCES.connectionsSent),
    connectionsAccepted: counter(COUNTER_SOURCES.connectionsAccepted),
    messagesSent: counter(COUNTER_SOURCES.messagesSent),
    messageReplies: counter(COUNTER_SOURCES.messageReplies),
    inmailsSent: counter(COUNTER_SOURCES.inmailsSent),
    inmailReplies: counter(COUNTER_SOURCES.inmailReplies),
  };
}

function countOf(source: string, value: unknown): number {
  const parsed = lenientCount.safeParse(value);
  if (!parsed.success) throw new UnreadableStatisticsError(source);
  return parsed.data;
}
