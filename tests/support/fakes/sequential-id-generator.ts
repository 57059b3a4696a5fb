import type { IdGenerator } from '../../../application/shared/id-generator.port.js';

/**
 * Predictable UUIDs (version 4 layout, lowercase): `00000000-0000-4000-8000-000000000001`, then
 * `...0002`, and so on. Their string order is their issue order.
 */
export class SequentialIdGenerator implements IdGenerator {
  private counter = 0;
  private readonly issued: string[] = [];

  constructor(private readonly prefix = '00000000') {
    if (!/^[0-9a-f]{8}$/.test(prefix)) throw new Error('prefix must be 8 lowercase hex digits');
  }

  next(): string {
    this.counter += 1;
    const id = `${this.prefix}-0000-4000-8000-${this.counter.toString(16).padStart(12, '0')}`;
    this.issued.push(id);
    return id;
  }

  /** Every id handed out so far, oldest first. */
  get all(): readonly string[] {
    return [...this.issued];
  }
}
