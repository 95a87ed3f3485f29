import type { DomainRequest } from '../../sim/index.js';

/** One request of the workload: the domain's request plus its id (`w<index>`), the common-random-number key. */
export interface BenchRequest extends DomainRequest {
  id: string;
  index: number;
}
