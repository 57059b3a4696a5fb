import { z } from 'zod';

export const FieldProblemSchema = z
  .object({
    loc: z.array(z.union([z.string(), z.number()])),
    msg: z.string(),
    type: z.string(),
  })
  .meta({ id: 'FieldProblem' });

export const ErrorEnvelopeSchema = z
  .object({
    detail: z.string().describe('Human-readable message.'),
    code: z.string().describe('Stable machine-readable code.'),
    errors: z.array(FieldProblemSchema).describe('Field problems, for 422 answers; empty otherwise.'),
  })
  .meta({ id: 'ErrorEnvelope' });
