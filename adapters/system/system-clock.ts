import type { Clock } from '../../application/shared/clock.port.js';

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}
