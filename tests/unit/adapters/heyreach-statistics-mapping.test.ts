import { describe, expect, it } from 'vitest';
import { statisticsFromOverallStats, UnreadableStatisticsError } from '../../../adapters/providers/heyreach/heyreach-statistics-mapping.js';

const ZERO = { connectionsSent: 0, connectionsAccepted: 0, messagesSent: 0, messageReplies: 0, inmailsSent: 0, inmailReplies: 0 };

describe('HeyReach GetOverallStats → campaign statistics', () => {
  it('takes the totals from overallStats', () => {
    expect(
      statisticsFromOverallStats({
        overallStats: { connectionsSent: 20, connectionsAccepted: 5, messagesSent: 9, totalMessageReplies: 2, inmailMessagesSent: 3, totalInmailReplies: 1, profileViews: 40, messageReplyRate: 22.2 },
        byDayStats: { '2025-11-17T00:00:00Z': { connectionsSent: 999 } },
      }),
    ).toEqual({ connectionsSent: 20, connectionsAccepted: 5, messagesSent: 9, messageReplies: 2, inmailsSent: 3, inmailReplies: 1 });
  });

  it('sums byDayStats when there is no overallStats', () => {
    expect(
      statisticsFromOverallStats({
        byDayStats: {
          '2025-11-17T00:00:00Z': { connectionsSent: 12, messagesSent: 1 },
          '2025-11-18T00:00:00Z': { connectionsSent: 8, connectionsAccepted: 5, totalMessageReplies: 1 },
          '2025-11-19T00:00:00Z': null,
        },
      }),
    ).toEqual({ ...ZERO, connectionsSent: 20, connectionsAccepted: 5, messagesSent: 1, messageReplies: 1 });
  });

  it('takes each counter overallStats lacks from the daily figures, without double counting the others', () => {
    expect(
      statisticsFromOverallStats({
        overallStats: { connectionsSent: 20, connectionsAccepted: 5, messagesSent: 4, totalMessageReplies: 2 },
        byDayStats: { a: { connectionsSent: 20, inmailMessagesSent: 2 }, b: { inmailMessagesSent: 1, totalInmailReplies: 1 } },
      }),
    ).toEqual({ connectionsSent: 20, connectionsAccepted: 5, messagesSent: 4, messageReplies: 2, inmailsSent: 3, inmailReplies: 1 });
  });

  it('reads counts sent as numeric strings, and null as zero', () => {
    expect(statisticsFromOverallStats({ overallStats: { connectionsSent: '7', messagesSent: ' 3 ', totalMessageReplies: null } })).toEqual({ ...ZERO, connectionsSent: 7, messagesSent: 3 });
  });

  it('answers zeros for a campaign without activity', () => {
    expect(statisticsFromOverallStats({})).toEqual(ZERO);
    expect(statisticsFromOverallStats({ overallStats: null, byDayStats: {} })).toEqual(ZERO);
  });

  it.each([['a word', 'many'], ['a negative count', -1], ['an object', { value: 1 }]])('refuses %s as a counter', (_label, value) => {
    expect(() => statisticsFromOverallStats({ overallStats: { connectionsSent: value } })).toThrow(UnreadableStatisticsError);
  });
});
