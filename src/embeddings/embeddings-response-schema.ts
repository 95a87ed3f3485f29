import { z } from 'zod';

/** The parts of an OpenAI-compatible `/v1/embeddings` response that hotpath reads. */
export const embeddingsResponseSchema = z.object({
  data: z.array(
    z.object({
      index: z.number().int().nonnegative(),
      embedding: z.array(z.number()),
    }),
  ),
  model: z.string().optional(),
});

export type EmbeddingsResponse = z.infer<typeof embeddingsResponseSchema>;
