import { describe, expect, it } from 'vitest';
import { campaignScheduleFor } from '../../../adapters/providers/instantly/instantly-campaign-schedule.js';
import { INSTANTLY_TIMEZONES, instantlyTimezoneFor } from '../../../adapters/providers/instantly/instantly-timezones.js';

function offsetsIn(zone: string): string[] {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  return [new Date(Date.UTC(2025, 0, 15, 12)), new Date(Date.UTC(2025, 6, 15, 12))].map(
    (date) => format.formatToParts(date).find((part) => part.type === 'timeZoneName')?.value ?? '',
  );
}

describe('Instantly timezone for an IANA zone', () => {
  it('holds the 102 values of the OpenAPI enum, without the zones Instantly refuses', () => {
    expect(INSTANTLY_TIMEZONES).toHaveLength(102);
    expect(new Set(INSTANTLY_TIMEZONES).size).toBe(102);
    for (const refused of ['America/New_York', 'Europe/London', 'UTC']) expect(INSTANTLY_TIMEZONES).not.toContain(refused);
  });

  it.each(['America/Detroit', 'America/Chicago', 'Europe/Belgrade', 'Etc/GMT+12', 'Asia/Kolkata'])('keeps %s, which Instantly accepts', (zone) => {
    expect(instantlyTimezoneFor(zone)).toBe(zone);
  });

  it.each([
    ['America/New_York', 'America/Detroit'],
    ['Europe/London', 'Europe/Isle_of_Man'],
    ['UTC', 'Africa/Abidjan'],
    ['Etc/UTC', 'Africa/Abidjan'],
    ['America/Los_Angeles', 'America/Dawson'],
    ['America/Denver', 'America/Boise'],
    ['America/Phoenix', 'America/Creston'],
  ])('maps %s to %s', (zone, expected) => {
    expect(instantlyTimezoneFor(zone)).toBe(expected);
  });

  it.each(['Europe/Paris', 'Europe/Berlin', 'Asia/Tokyo', 'Australia/Sydney', 'America/Mexico_City', 'Pacific/Honolulu', 'Asia/Singapore'])(
    'maps %s to an allowed zone with the same winter and summer offsets',
    (zone) => {
      const mapped = instantlyTimezoneFor(zone);

      expect(INSTANTLY_TIMEZONES).toContain(mapped);
      expect(offsetsIn(mapped)).toEqual(offsetsIn(zone));
    },
  );

  it('refuses a zone that does not exist rather than guess', () => {
    expect(() => instantlyTimezoneFor('Mars/Olympus_Mons')).toThrow(/no Instantly timezone/);
  });
});

describe('campaign schedule of a sending window', () => {
  it('names all seven days, and carries the times and the mapped timezone', () => {
    expect(campaignScheduleFor({ timezone: 'America/New_York', from: '08:30', to: '18:00', days: [1, 3, 5] })).toEqual({
      schedules: [
        {
          name: 'Default',
          timing: { from: '08:30', to: '18:00' },
          days: { '0': false, '1': true, '2': false, '3': true, '4': false, '5': true, '6': false },
          timezone: 'America/Detroit',
        },
      ],
    });
  });

  it.each([
    [{ timezone: 'UTC', from: '9:00', to: '17:00', days: [1] }, /HH:MM/],
    [{ timezone: 'UTC', from: '09:00', to: '24:00', days: [1] }, /HH:MM/],
    [{ timezone: 'UTC', from: '09:00', to: '17:00', days: [] }, /days/],
    [{ timezone: 'UTC', from: '09:00', to: '17:00', days: [7] }, /days/],
  ])('refuses a window Instantly would refuse: %j', (window, message) => {
    expect(() => campaignScheduleFor(window)).toThrow(message);
  });
});
