import { createRandom, type RandomSource, type SimDomain } from '../../sim/index.js';
import { HotpathError } from '../../src/index.js';
import type { Workload } from '../scenario/index.js';
import type { BenchRequest } from './bench-request.js';

export interface GenerateWorkloadOptions {
  domain: SimDomain;
  workload: Pick<Workload, 'requests' | 'mix' | 'entitySkew' | 'userSkew'>;
  seed: number | string;
}

/**
 * The workload's requests, deterministic from the seed. Request i draws from its own random stream
 * (seed, i), so the first n requests are the same whatever the total count.
 */
export function generateWorkload({ domain, workload, seed }: GenerateWorkloadOptions): BenchRequest[] {
  const kinds = kindWeights(domain, workload.mix);
  const requests: BenchRequest[] = [];
  for (let index = 0; index < workload.requests; index++) {
    const random = createRandom(seed, 'workload', index);
    const kind = pickWeighted(random.fork('kind'), kinds);
    const request = domain.generateRequest({
      random: random.fork('request'),
      index,
      kind,
      entitySkew: workload.entitySkew,
      userSkew: workload.userSkew,
    });
    requests.push({ ...request, id: `w${index}`, index });
  }
  return requests;
}

function kindWeights(domain: SimDomain, mix: Record<string, number> | undefined): Array<{ kind: string; weight: number }> {
  if (mix === undefined) return domain.kinds.map(({ kind, weight }) => ({ kind, weight }));
  const known = new Set(domain.kinds.map(({ kind }) => kind));
  for (const kind of Object.keys(mix)) {
    if (!known.has(kind)) {
      throw new HotpathError('HOTPATH_INVALID_CONFIG', `workload.mix.${kind}: unknown kind for domain ${domain.name} (known: ${[...known].join(', ')})`, {
        details: { option: `workload.mix.${kind}` },
      });
    }
  }
  return Object.entries(mix).map(([kind, weight]) => ({ kind, weight }));
}

function pickWeighted(random: RandomSource, items: ReadonlyArray<{ kind: string; weight: number }>): string {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let target = random.next() * total;
  for (const item of items) {
    target -= item.weight;
    if (target < 0) return item.kind;
  }
  // Rounding can leave target at 0 after the last item: the last positive weight wins.
  return [...items].reverse().find((item) => item.weight > 0)?.kind ?? (items[0] as { kind: string }).kind;
}
