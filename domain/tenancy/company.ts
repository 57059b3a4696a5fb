import { InvalidInputError } from '../shared/domain-error.js';

export const COMPANY_STATUSES = ['active', 'inactive'] as const;
export type CompanyStatus = (typeof COMPANY_STATUSES)[number];

export const COMPANY_NAME_MAX_LENGTH = 200;
export const COMPANY_DOMAIN_MAX_LENGTH = 253;

export interface CompanyChanges {
  readonly name?: string | undefined;
  /** `null` clears the domain. */
  readonly domain?: string | null | undefined;
  readonly status?: CompanyStatus | undefined;
}

export type CompanyField = keyof CompanyChanges;

/** A client company of a partner organization; users, campaigns and inboxes belong to one. */
export class Company {
  constructor(
    readonly id: string,
    readonly orgId: string,
    public name: string,
    public domain: string | null,
    public status: CompanyStatus,
    readonly createdAt: Date,
    public updatedAt: Date,
    public deletedAt: Date | null = null,
  ) {}

  static register(props: { id: string; orgId: string; name: string; domain?: string | null | undefined; now: Date }): Company {
    return new Company(props.id, props.orgId, normaliseName(props.name), normaliseDomain(props.domain ?? null), 'active', props.now, props.now);
  }

  /** Applies the given changes; answers the fields whose value actually changed. */
  update(changes: CompanyChanges, now: Date): CompanyField[] {
    const next = {
      name: changes.name === undefined ? this.name : normaliseName(changes.name),
      domain: changes.domain === undefined ? this.domain : normaliseDomain(changes.domain),
      status: changes.status ?? this.status,
    };
    const changed = (Object.keys(next) as CompanyField[]).filter((field) => next[field] !== this[field]);
    if (changed.length === 0) return changed;
    this.name = next.name;
    this.domain = next.domain;
    this.status = next.status;
    this.updatedAt = now;
    return changed;
  }

  softDelete(now: Date): void {
    if (this.deletedAt !== null) return;
    this.deletedAt = now;
    this.updatedAt = now;
  }
}

function normaliseName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) {
    throw new InvalidInputError('A company needs a name.', [{ loc: ['name'], msg: 'must not be empty', type: 'empty' }]);
  }
  if (trimmed.length > COMPANY_NAME_MAX_LENGTH) {
    throw new InvalidInputError(`Name must be at most ${COMPANY_NAME_MAX_LENGTH} characters.`, [
      { loc: ['name'], msg: `must be at most ${COMPANY_NAME_MAX_LENGTH} characters`, type: 'too_long' },
    ]);
  }
  return trimmed;
}

/** Domains compare case-insensitively; an empty string means "no domain". */
function normaliseDomain(domain: string | null): string | null {
  if (domain === null) return null;
  const trimmed = domain.trim().toLowerCase();
  if (trimmed.length === 0) return null;
  if (trimmed.length > COMPANY_DOMAIN_MAX_LENGTH || !DOMAIN_PATTERN.test(trimmed)) {
    throw new InvalidInputError('Domain must be a host name such as example.com.', [
      { loc: ['domain'], msg: 'must be a host name such as example.com', type: 'invalid_domain' },
    ]);
  }
  return trimmed;
}

const DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
