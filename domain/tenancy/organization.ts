import { InvalidInputError } from '../shared/domain-error.js';
import { assertValidSlug } from './organization-slug.js';

export const ORGANIZATION_STATUSES = ['onboarding', 'active', 'suspended'] as const;
export type OrganizationStatus = (typeof ORGANIZATION_STATUSES)[number];

export const ORGANIZATION_NAME_MAX_LENGTH = 200;

export type OrganizationField = 'name' | 'slug';

export interface OrganizationChanges {
  readonly name?: string | undefined;
  readonly slug?: string | undefined;
}

/**
 * A partner organization: the root of every tenant's data. New organizations start in
 * `onboarding`, where the name may still be empty; activation rules arrive with the lifecycle.
 */
export class Organization {
  constructor(
    readonly id: string,
    public name: string,
    public slug: string,
    public status: OrganizationStatus,
    readonly createdAt: Date,
    public updatedAt: Date,
    public deletedAt: Date | null = null,
  ) {}

  static register(props: { id: string; name: string; slug: string; now: Date }): Organization {
    return new Organization(
      props.id,
      normaliseName(props.name),
      assertValidSlug(props.slug),
      'onboarding',
      props.now,
      props.now,
    );
  }

  get isDeleted(): boolean {
    return this.deletedAt !== null;
  }

  /** Applies the given changes; answers the fields whose value actually changed. */
  update(changes: OrganizationChanges, now: Date): OrganizationField[] {
    const name = changes.name === undefined ? this.name : normaliseName(changes.name);
    const slug = changes.slug === undefined ? this.slug : assertValidSlug(changes.slug);
    const changed: OrganizationField[] = [];
    if (name !== this.name) changed.push('name');
    if (slug !== this.slug) changed.push('slug');
    if (changed.length === 0) return changed;
    this.name = name;
    this.slug = slug;
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
  if (trimmed.length > ORGANIZATION_NAME_MAX_LENGTH) {
    throw new InvalidInputError(`Name must be at most ${ORGANIZATION_NAME_MAX_LENGTH} characters.`, [
      { loc: ['name'], msg: `must be at most ${ORGANIZATION_NAME_MAX_LENGTH} characters`, type: 'too_long' },
    ]);
  }
  return trimmed;
}
