export { arrivalTimesMs, type ArrivalTimesOptions } from './arrival-times.js';
export type { BenchRequest } from './bench-request.js';
export { generateWorkload, type GenerateWorkloadOptions } from './generate-workload.js';
