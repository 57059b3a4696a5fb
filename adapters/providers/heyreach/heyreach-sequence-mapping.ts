import type { LinkedInSequenceStep, LinkedInStepKind } from '../../../application/outreach/linkedin-outreach-provider.port.js';
import { HEYREACH_MIN_NODE_DELAY_HOURS } from './heyreach-limits.js';
import type { ParsedSequenceNode } from './heyreach.schemas.js';

/**
 * HeyReach runs a tree (`PublicSequenceNodeDto`); the port speaks a linear list of steps.
 *
 * Reading: start at the root (START is implicit) and walk the "condition met" path — a node's
 * `conditionalNode` when it has one, else its `unconditionalNode` (steps that never branch only
 * carry the latter) — until END. Each node before END becomes one step; other branches are not
 * represented.
 *
 * Writing: each step becomes a node whose `conditionalNode` is the next step (or END after the
 * last) and whose `unconditionalNode` is END — the shape HR-CLI's live e2e test saved — so the
 * sequence carries on when the condition is met (e.g. a connection request is accepted) and ends
 * otherwise, and every branch ends in END as HeyReach requires.
 */

export type HeyReachNodeType = 'VIEW_PROFILE' | 'CONNECTION_REQUEST' | 'MESSAGE' | 'INMAIL' | 'FOLLOW' | 'LIKE_POST';

/** The node shape `UpdateSequence` takes. */
export interface HeyReachSequenceNode {
  readonly nodeType: HeyReachNodeType | 'END';
  readonly actionDelay: number;
  readonly actionDelayUnit: 'HOUR' | 'DAY';
  readonly payload: { readonly messages: readonly string[] } | null;
  readonly conditionalNode: HeyReachSequenceNode | null;
  readonly unconditionalNode: HeyReachSequenceNode | null;
}

/** A tree the port cannot express, or steps HeyReach cannot run. */
export class SequenceMappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SequenceMappingError';
  }
}

/**
 * VIEW_PROFILE, CONNECTION_REQUEST and MESSAGE are seen live; INMAIL, FOLLOW and LIKE_POST follow
 * the same naming for steps HeyReach's builder offers (providers.md §3.2 marks them inferred).
 */
const NODE_TYPE_BY_KIND: Readonly<Record<LinkedInStepKind, HeyReachNodeType>> = {
  view_profile: 'VIEW_PROFILE',
  connection_request: 'CONNECTION_REQUEST',
  message: 'MESSAGE',
  inmail: 'INMAIL',
  follow: 'FOLLOW',
  like_post: 'LIKE_POST',
};

const KIND_BY_NODE_TYPE: ReadonlyMap<string, LinkedInStepKind> = new Map(
  Object.entries(NODE_TYPE_BY_KIND).map(([kind, nodeType]) => [nodeType, kind as LinkedInStepKind]),
);

/** Steps whose payload carries text: the connection note, the message, the InMail. */
const KINDS_WITH_MESSAGES: ReadonlySet<LinkedInStepKind> = new Set(['connection_request', 'message', 'inmail']);

/** Steps HeyReach refuses with "invalid delay" below the minimum (END nodes too). */
const KINDS_WITH_MINIMUM_DELAY: ReadonlySet<LinkedInStepKind> = new Set(['connection_request']);

const HOURS_PER_DAY = 24;

export function stepsFromSequenceTree(root: ParsedSequenceNode | null): LinkedInSequenceStep[] {
  const steps: LinkedInSequenceStep[] = [];
  for (let node = root; node !== null && node.nodeType.toUpperCase() !== 'END'; node = node.conditionalNode ?? node.unconditionalNode) {
    const kind = KIND_BY_NODE_TYPE.get(node.nodeType.toUpperCase());
    if (kind === undefined) throw new SequenceMappingError(`unknown node type ${node.nodeType}`);
    steps.push({ kind, delayHours: hoursOf(node), messages: node.messages });
  }
  return steps;
}

export function sequenceTreeFromSteps(steps: readonly LinkedInSequenceStep[]): HeyReachSequenceNode {
  if (steps.length === 0) throw new SequenceMappingError('a HeyReach sequence needs at least one step');
  let next: HeyReachSequenceNode = endNode();
  for (let index = steps.length - 1; index >= 0; index -= 1) {
    const step = steps[index]!;
    next = {
      nodeType: NODE_TYPE_BY_KIND[step.kind],
      ...delayOf(step),
      payload: KINDS_WITH_MESSAGES.has(step.kind) ? { messages: [...step.messages] } : null,
      conditionalNode: next,
      unconditionalNode: endNode(),
    };
  }
  return next;
}

function hoursOf(node: ParsedSequenceNode): number {
  const unit = (node.actionDelayUnit ?? 'HOUR').toUpperCase();
  if (unit === 'HOUR') return node.actionDelay;
  if (unit === 'DAY') return node.actionDelay * HOURS_PER_DAY;
  throw new SequenceMappingError(`unknown delay unit ${node.actionDelayUnit}`);
}

/**
 * HeyReach counts whole hours or days. Fractions round up (never send earlier than asked); a
 * connection request below the minimum is raised to it, because the engine's natural "connect
 * first, right away" (delay 0) is otherwise unsavable. Whole days are sent as DAY.
 */
function delayOf(step: LinkedInSequenceStep): Pick<HeyReachSequenceNode, 'actionDelay' | 'actionDelayUnit'> {
  if (!Number.isFinite(step.delayHours) || step.delayHours < 0) throw new SequenceMappingError('a delay must be a non-negative number of hours');
  const requested = Math.ceil(step.delayHours);
  const hours = KINDS_WITH_MINIMUM_DELAY.has(step.kind) ? Math.max(requested, HEYREACH_MIN_NODE_DELAY_HOURS) : requested;
  if (hours > 0 && hours % HOURS_PER_DAY === 0) return { actionDelay: hours / HOURS_PER_DAY, actionDelayUnit: 'DAY' };
  return { actionDelay: hours, actionDelayUnit: 'HOUR' };
}

function endNode(): HeyReachSequenceNode {
  return {
    nodeType: 'END',
    actionDelay: HEYREACH_MIN_NODE_DELAY_HOURS,
    actionDelayUnit: 'HOUR',
    payload: null,
    conditionalNode: null,
    unconditionalNode: null,
  };
}
