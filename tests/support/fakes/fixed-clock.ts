import type { Clock } from '../../../application/shared/clock.port.js';

/** A clock that only moves when a test moves it. Hands out copies, so callers cannot bend time. */
export class FixedClock implements Clock {
  private current: number;

  constructor(start: Date = new Date('2025-01-01T00:00:00.000Z')) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date): void {
    this.current = instant.getTime();
  }

  advanceMs(milliseconds: number): void {
    this.current += milliseconds;
  }

  advanceSeconds(seconds: number): void {
    this.advanceMs(seconds * 1000);
  }
}
