import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SequenceMappingError, sequenceTreeFromSteps, stepsFromSequenceTree, type HeyReachSequenceNode } from '../../../adapters/providers/heyreach/heyreach-sequence-mapping.js';
import { sequenceNodeSchema } from '../../../adapters/providers/heyreach/heyreach.schemas.js';
import type { LinkedInSequenceStep, LinkedInStepKind } from '../../../application/outreach/linkedin-outreach-provider.port.js';
import { sequenceViolation } from '../../../infrastructure/simulators/heyreach/heyreach-sequence-rules.js';

const END: HeyReachSequenceNode = { nodeType: 'END', actionDelay: 3, actionDelayUnit: 'HOUR', payload: null, conditionalNode: null, unconditionalNode: null };

/** What the adapter reads: the tree as HeyReach sends it, through the response schema. */
function read(tree: unknown): LinkedInSequenceStep[] {
  return stepsFromSequenceTree(sequenceNodeSchema.parse(tree));
}

describe('port steps → HeyReach sequence tree', () => {
  it('chains the steps on conditionalNode and ends every branch in a 3-hour END', () => {
    expect(
      sequenceTreeFromSteps([
        { kind: 'view_profile', delayHours: 0, messages: [] },
        { kind: 'connection_request', delayHours: 6, messages: ['Hi {FIRST_NAME}'] },
        { kind: 'message', delayHours: 72, messages: ['Thanks!', 'Thank you!'] },
      ]),
    ).toEqual({
      nodeType: 'VIEW_PROFILE',
      actionDelay: 0,
      actionDelayUnit: 'HOUR',
      payload: null,
      unconditionalNode: END,
      conditionalNode: {
        nodeType: 'CONNECTION_REQUEST',
        actionDelay: 6,
        actionDelayUnit: 'HOUR',
        payload: { messages: ['Hi {FIRST_NAME}'] },
        unconditionalNode: END,
        conditionalNode: { nodeType: 'MESSAGE', actionDelay: 3, actionDelayUnit: 'DAY', payload: { messages: ['Thanks!', 'Thank you!'] }, conditionalNode: END, unconditionalNode: END },
      },
    });
  });

  it.each([
    ['view_profile', 'VIEW_PROFILE', null],
    ['connection_request', 'CONNECTION_REQUEST', { messages: ['note'] }],
    ['message', 'MESSAGE', { messages: ['note'] }],
    ['inmail', 'INMAIL', { messages: ['note'] }],
    ['follow', 'FOLLOW', null],
    ['like_post', 'LIKE_POST', null],
  ] as const)('writes a %s step as %s with payload %j', (kind, nodeType, payload) => {
    expect(sequenceTreeFromSteps([{ kind, delayHours: 5, messages: ['note'] }])).toMatchObject({ nodeType, payload });
  });

  it('raises a connection request below 3 hours to 3, and only connection requests', () => {
    const tree = sequenceTreeFromSteps([
      { kind: 'connection_request', delayHours: 0, messages: [] },
      { kind: 'message', delayHours: 1, messages: ['x'] },
    ]);

    expect(tree).toMatchObject({ actionDelay: 3, actionDelayUnit: 'HOUR', conditionalNode: { actionDelay: 1, actionDelayUnit: 'HOUR' } });
  });

  it('rounds a fraction of an hour up and writes whole days as DAY', () => {
    expect(sequenceTreeFromSteps([{ kind: 'message', delayHours: 2.25, messages: ['x'] }])).toMatchObject({ actionDelay: 3, actionDelayUnit: 'HOUR' });
    expect(sequenceTreeFromSteps([{ kind: 'message', delayHours: 48, messages: ['x'] }])).toMatchObject({ actionDelay: 2, actionDelayUnit: 'DAY' });
    expect(sequenceTreeFromSteps([{ kind: 'message', delayHours: 30, messages: ['x'] }])).toMatchObject({ actionDelay: 30, actionDelayUnit: 'HOUR' });
  });

  it.each([
    ['no steps', []],
    ['a negative delay', [{ kind: 'message', delayHours: -2, messages: ['x'] }]],
    ['an infinite delay', [{ kind: 'message', delayHours: Number.POSITIVE_INFINITY, messages: ['x'] }]],
  ] as const)('refuses %s', (_label, steps) => {
    expect(() => sequenceTreeFromSteps(steps as readonly LinkedInSequenceStep[])).toThrow(SequenceMappingError);
  });
});

describe('HeyReach sequence tree → port steps', () => {
  it('walks the condition-met branch and ignores the other', () => {
    const tree = {
      nodeType: 'CONNECTION_REQUEST',
      actionDelay: 3,
      actionDelayUnit: 'HOUR',
      payload: { messages: ['Hi'], fallbackMessage: 'Hi there', toBeWithdrawnAfterDays: 14 },
      conditionalNode: { nodeType: 'MESSAGE', actionDelay: 1, actionDelayUnit: 'DAY', payload: { messages: ['Thanks'] }, conditionalNode: { nodeType: 'END', actionDelay: 3, actionDelayUnit: 'HOUR' } },
      unconditionalNode: { nodeType: 'VIEW_PROFILE', actionDelay: 2, actionDelayUnit: 'DAY', unconditionalNode: { nodeType: 'END', actionDelay: 3, actionDelayUnit: 'HOUR' } },
    };

    expect(read(tree)).toEqual([
      { kind: 'connection_request', delayHours: 3, messages: ['Hi'] },
      { kind: 'message', delayHours: 24, messages: ['Thanks'] },
    ]);
  });

  it('follows unconditionalNode where a step has no conditional branch', () => {
    const tree = {
      nodeType: 'VIEW_PROFILE',
      actionDelay: 0,
      actionDelayUnit: 'HOUR',
      payload: null,
      conditionalNode: null,
      unconditionalNode: { nodeType: 'FOLLOW', actionDelay: '4', unconditionalNode: { nodeType: 'LIKE_POST', actionDelay: 1, actionDelayUnit: 'DAY', unconditionalNode: { nodeType: 'END', actionDelay: 3 } } },
    };

    expect(read(tree)).toEqual([
      { kind: 'view_profile', delayHours: 0, messages: [] },
      { kind: 'follow', delayHours: 4, messages: [] },
      { kind: 'like_post', delayHours: 24, messages: [] },
    ]);
  });

  it('reads node types and units in any case, and skips null message variants', () => {
    expect(read({ nodeType: 'inmail', actionDelay: 2, actionDelayUnit: 'day', payload: { messages: ['A', null, 'B'] } })).toEqual([{ kind: 'inmail', delayHours: 48, messages: ['A', 'B'] }]);
  });

  it.each([
    ['an unknown node type', { nodeType: 'SEND_GIFT', actionDelay: 1, actionDelayUnit: 'HOUR' }],
    ['an unknown delay unit', { nodeType: 'MESSAGE', actionDelay: 1, actionDelayUnit: 'WEEK', payload: { messages: ['x'] } }],
  ])('refuses %s', (_label, tree) => {
    expect(() => read(tree)).toThrow(SequenceMappingError);
  });

  it('reads no sequence as no steps', () => {
    expect(stepsFromSequenceTree(null)).toEqual([]);
  });
});

describe('round trip', () => {
  const kinds: LinkedInStepKind[] = ['view_profile', 'connection_request', 'message', 'inmail', 'follow', 'like_post'];
  const step = fc.record({
    kind: fc.constantFrom(...kinds),
    delayHours: fc.integer({ min: 0, max: 24 * 30 }),
    messages: fc.array(fc.string({ minLength: 1 }).filter((text) => text.trim() !== ''), { minLength: 1, maxLength: 3 }),
  });

  it('every tree it writes passes the simulator\'s HeyReach rules', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        expect(sequenceViolation(JSON.parse(JSON.stringify(sequenceTreeFromSteps(steps))))).toBeNull();
      }),
    );
  });

  it('reads back what it wrote, but for the connection-request minimum and text on steps that carry none', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        const expected = steps.map((written) => ({
          kind: written.kind,
          delayHours: written.kind === 'connection_request' ? Math.max(3, written.delayHours) : written.delayHours,
          messages: ['connection_request', 'message', 'inmail'].includes(written.kind) ? written.messages : [],
        }));
        expect(read(JSON.parse(JSON.stringify(sequenceTreeFromSteps(steps))))).toEqual(expected);
      }),
    );
  });
});
