import { describe, expect, it } from 'vitest';
import { REASON_MAX_LENGTH } from '../../../domain/shared/bounded-reason.js';
import {
  accountErrorReason,
  NOT_LISTED_REASON,
  reasonAfterSync,
  reportedErrorIsNewer,
  statusOfListedAccount,
  UNABLE_TO_SEND_REASON,
} from '../../../domain/outreach/sender-account-status.js';

const REPORTED = 'connection error reported: Invalid login';

describe('sender account status', () => {
  it('words a reported error with what the provider said, bounded like every stored reason', () => {
    expect(accountErrorReason('  Invalid login  ')).toBe(REPORTED);
    expect(accountErrorReason(null)).toBe('connection error reported');
    expect(accountErrorReason('   ')).toBe('connection error reported');
    expect(accountErrorReason('x'.repeat(2000))).toHaveLength(REASON_MAX_LENGTH);
  });

  it('applies a reported error only when it is newer than the last observation of the account', () => {
    const account = { statusObservedAt: new Date('2030-01-01T00:00:00Z') };
    expect(reportedErrorIsNewer(account, new Date('2030-01-01T00:00:01Z'))).toBe(true);
    expect(reportedErrorIsNewer(account, new Date('2030-01-01T00:00:00Z'))).toBe(false);
    expect(reportedErrorIsNewer(account, new Date('2029-12-31T23:59:59Z'))).toBe(false);
  });

  it("keeps a reported error's words while a sync still sees the account unable to send, and nothing once it can", () => {
    const unable = statusOfListedAccount(false);
    const able = statusOfListedAccount(true);
    expect(unable).toEqual({ status: 'inactive', reason: UNABLE_TO_SEND_REASON });
    expect(able).toEqual({ status: 'active', reason: null });

    expect(reasonAfterSync(undefined, unable)).toBe(UNABLE_TO_SEND_REASON);
    expect(reasonAfterSync({ status: 'inactive', statusReason: REPORTED }, unable)).toBe(REPORTED);
    expect(reasonAfterSync({ status: 'inactive', statusReason: REPORTED }, able)).toBeNull();
    // Not being listed says nothing about sending: the listing's reason replaces it.
    expect(reasonAfterSync({ status: 'inactive', statusReason: NOT_LISTED_REASON }, unable)).toBe(UNABLE_TO_SEND_REASON);
    expect(reasonAfterSync({ status: 'active', statusReason: null }, unable)).toBe(UNABLE_TO_SEND_REASON);
  });
});
