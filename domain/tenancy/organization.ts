import { InvalidInputError } from '../shared/domain-error.js';
import {
  IllegalOrganizationTransitionError,
  OrganizationNameRequiredError,
  OrganizationNotActiveError,
} from './organization-errors.js';
import { assertValidSlug } from './organization-slug.js';

export const ORGANIZATION_STATUSES = ['onboarding', 'active', 'suspended'] as const;
export type OrganizationStatus = (typeof ORGANIZATION_STATUSES)[number];

export const ORGANIZATION_NAME_MAX_LENGTH = 200;

export type OrganizationField = 'name' | 'slug';

export interface OrganizationChanges {
  readonly name?: string | undefined;
  readonly slug?: string | undefined;
}

export type OrganizationTransition = 'activate' | 'suspend';

/** From which statuses each lifecycle step may start; arriving where one already is is a no-op. */
const TRANSITIONS: Readonly<Record<OrganizationTransition, { from: readonly OrganizationStatus[]; to: OrganizationStatus }>> = {
  activate: { from: ['onboarding', 'suspended'], to: 'active' },
  suspend: { from: ['active'], to: 'suspended' },
};

/**
 * A partner organization: the root of every tenant's data. Lifecycle: `onboarding` (the name may
 * still be empty) → `active` ⇄ `suspended`. The status column is the only source of truth.
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
    if (name === '' && this.status !== 'onboarding') throw new OrganizationNameRequiredError(this.status);
    const changed: OrganizationField[] = [];
    if (name !== this.name) changed.push('name');
    if (slug !== this.slug) changed.push('slug');
    if (changed.length === 0) return changed;
    this.name = name;
    this.slug = slug;
    this.updatedAt = now;
    return changed;
  }

  /**
   * Moves along the lifecycle; answers whether the status changed. Repeating the step that led to
   * the current status changes nothing, so a retried request is harmless.
   */
  transition(step: OrganizationTransition, now: Date): boolean {
    const { from, to } = TRANSITIONS[step];
    if (this.status === to) return false;
    if (!from.includes(this.status)) throw new IllegalOrganizationTransitionError(step, this.status);
    if (to === 'active' && this.name === '') throw new OrganizationNameRequiredError('active');
    this.status = to;
    this.updatedAt = now;
    return true;
  }

  /** The guard for work that needs a live business relationship: launching campaigns, adding leads. */
  assertActive(): void {
    if (this.status !== 'active') throw new OrganizationNotActiveError(this.status);
  }

  /** A suspended organization keeps read access only. */
  get acceptsTenantWrites(): boolean {
    return this.status !== 'suspended';
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
