import { instantlyTimezoneFor } from './instantly-timezones.js';

/**
 * When a new campaign may send. Instantly requires a schedule on create and the port's create
 * carries only a name, so every campaign starts with this window; it can be changed in Instantly.
 */
export interface InstantlySendingWindow {
  /** An IANA zone; mapped onto Instantly's own list (see instantly-timezones.ts). */
  readonly timezone: string;
  /** "HH:MM", 24-hour. */
  readonly from: string;
  readonly to: string;
  /** Sending days, 0 = Sunday … 6 = Saturday. */
  readonly days: readonly number[];
}

export const DEFAULT_SENDING_WINDOW: InstantlySendingWindow = {
  timezone: 'America/New_York',
  from: '09:00',
  to: '17:00',
  days: [1, 2, 3, 4, 5],
};

export interface InstantlyCampaignSchedule {
  readonly schedules: readonly {
    readonly name: string;
    readonly timing: { readonly from: string; readonly to: string };
    readonly days: Readonly<Record<string, boolean>>;
    readonly timezone: string;
  }[];
}

const TIME_OF_DAY = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;

/**
 * The `campaign_schedule` body for a window, validated against the rules Instantly enforces
 * (HH:MM times, at least one day, an allowed timezone). Throws on a bad window: it comes from
 * configuration, so it should fail when the adapter is built, not per request.
 */
export function campaignScheduleFor(window: InstantlySendingWindow): InstantlyCampaignSchedule {
  if (!TIME_OF_DAY.test(window.from) || !TIME_OF_DAY.test(window.to)) {
    throw new Error('sending window times must be HH:MM (24-hour)');
  }
  if (window.days.length === 0 || window.days.some((day) => !Number.isInteger(day) || day < 0 || day > 6)) {
    throw new Error('sending window days must be a non-empty list of 0 (Sunday) … 6 (Saturday)');
  }
  const days = Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((day) => [String(day), window.days.includes(day)]));
  return {
    schedules: [{ name: 'Default', timing: { from: window.from, to: window.to }, days, timezone: instantlyTimezoneFor(window.timezone) }],
  };
}
