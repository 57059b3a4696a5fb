/**
 * The checks HeyReach runs on a `PublicSequenceNodeDto` tree (providers.md §3.2), with its real,
 * cryptic wording where it is known ("Node at: $.sequence has invalid delay: 00:00:00").
 */

export const SEQUENCE_NODE_TYPES = ['VIEW_PROFILE', 'CONNECTION_REQUEST', 'MESSAGE', 'INMAIL', 'FOLLOW', 'LIKE_POST', 'END'] as const;

/** Node types that need at least 3 hours before them. */
const MINIMUM_DELAY_NODE_TYPES: ReadonlySet<string> = new Set(['CONNECTION_REQUEST', 'END']);
const MINIMUM_DELAY_HOURS = 3;

/** Node types whose payload must carry at least one message. */
const MESSAGE_NODE_TYPES: ReadonlySet<string> = new Set(['MESSAGE', 'INMAIL']);

/** Deeper trees than any real sequence are refused rather than walked. */
const MAX_DEPTH = 60;

/** The first rule the tree breaks, as HeyReach words it, or null for a valid tree. */
export function sequenceViolation(node: unknown, path = '$.sequence', depth = 0): string | null {
  if (depth > MAX_DEPTH) return `Node at: ${path} is nested too deeply`;
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return `Node at: ${path} is not a sequence node`;
  const { nodeType, actionDelay, actionDelayUnit, payload, conditionalNode, unconditionalNode } = node as Record<string, unknown>;
  if (typeof nodeType !== 'string' || !(SEQUENCE_NODE_TYPES as readonly string[]).includes(nodeType)) {
    return `Node at: ${path} has invalid node type: ${String(nodeType)}`;
  }
  const unit = actionDelayUnit ?? 'HOUR';
  if (unit !== 'HOUR' && unit !== 'DAY') return `Node at: ${path} has invalid delay unit: ${String(unit)}`;
  const amount = actionDelay ?? 0;
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 0) return `Node at: ${path} has invalid delay: ${String(amount)}`;
  const hours = unit === 'DAY' ? amount * 24 : amount;
  if (MINIMUM_DELAY_NODE_TYPES.has(nodeType) && hours < MINIMUM_DELAY_HOURS) return `Node at: ${path} has invalid delay: ${timeSpan(hours)}`;
  if (MESSAGE_NODE_TYPES.has(nodeType) && !hasMessages(payload)) return `Node at: ${path} has no messages`;
  if (nodeType === 'END') return null;
  if (isAbsent(conditionalNode) && isAbsent(unconditionalNode)) return `Node at: ${path} does not end with an END node`;
  for (const [branch, child] of [
    ['conditionalNode', conditionalNode],
    ['unconditionalNode', unconditionalNode],
  ] as const) {
    if (isAbsent(child)) continue;
    const violation = sequenceViolation(child, `${path}.${branch}`, depth + 1);
    if (violation !== null) return violation;
  }
  return null;
}

function isAbsent(value: unknown): boolean {
  return value === null || value === undefined;
}

function hasMessages(payload: unknown): boolean {
  const messages = (payload as { messages?: unknown } | null | undefined)?.messages;
  return Array.isArray(messages) && messages.length > 0 && messages.every((message) => typeof message === 'string' && message.trim() !== '');
}

/** .NET TimeSpan text, the way HeyReach prints a delay: `00:00:00`, `1.02:00:00`. */
function timeSpan(hours: number): string {
  const days = Math.floor(hours / 24);
  const clock = `${String(hours % 24).padStart(2, '0')}:00:00`;
  return days > 0 ? `${days}.${clock}` : clock;
}
