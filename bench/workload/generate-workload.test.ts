import { describe, expect, it } from 'vitest';
import { createFakeDomain } from '../testing/index.js';
import { arrivalTimesMs } from './arrival-times.js';
import { generateWorkload } from './generate-workload.js';

const workload = { requests: 200, entitySkew: 1.1, userSkew: 1.0 };

describe('generateWorkload', () => {
  it('gives the same requests for the same seed', () => {
    const first = generateWorkload({ domain: createFakeDomain(), workload, seed: 7 });
    const second = generateWorkload({ domain: createFakeDomain(), workload, seed: 7 });
    expect(second).toEqual(first);
    expect(first.map((request) => request.id).slice(0, 3)).toEqual(['w0', 'w1', 'w2']);
    expect(first[17]?.index).toBe(17);
  });

  it('gives different requests for a different seed', () => {
    const first = generateWorkload({ domain: createFakeDomain(), workload, seed: 7 });
    const other = generateWorkload({ domain: createFakeDomain(), workload, seed: 8 });
    const differing = first.filter((request, index) => request.text !== other[index]?.text).length;
    expect(differing).toBeGreaterThan(100);
  });

  it('keeps request i the same whatever the count', () => {
    const long = generateWorkload({ domain: createFakeDomain(), workload, seed: 7 });
    const short = generateWorkload({ domain: createFakeDomain(), workload: { ...workload, requests: 20 }, seed: 7 });
    expect(short).toEqual(long.slice(0, 20));
  });

  it('follows the domain weights, or the mix when given', () => {
    const byDomain = generateWorkload({ domain: createFakeDomain(), workload: { ...workload, requests: 1000 }, seed: 3 });
    const simpleShare = byDomain.filter((request) => request.complexity === 'simple').length / byDomain.length;
    expect(simpleShare).toBeGreaterThan(0.64);
    expect(simpleShare).toBeLessThan(0.76);

    const onlyComplex = generateWorkload({
      domain: createFakeDomain(),
      workload: { ...workload, mix: { 'ticket-status': 0, 'ticket-compare': 1 } },
      seed: 3,
    });
    expect(new Set(onlyComplex.map((request) => request.kind))).toEqual(new Set(['ticket-compare']));
  });

  it('names an unknown kind in the mix', () => {
    expect(() => generateWorkload({ domain: createFakeDomain(), workload: { ...workload, mix: { faq: 1 } }, seed: 1 })).toThrow(
      /workload\.mix\.faq: unknown kind for domain service-desk \(known: ticket-status, ticket-compare\)/,
    );
  });
});

describe('arrivalTimesMs', () => {
  it('is a deterministic Poisson process at the given rate', () => {
    const times = arrivalTimesMs({ seed: 7, count: 2000, ratePerSecond: 4 });
    expect(arrivalTimesMs({ seed: 7, count: 2000, ratePerSecond: 4 })).toEqual(times);
    expect(arrivalTimesMs({ seed: 8, count: 2000, ratePerSecond: 4 })).not.toEqual(times);
    expect(times[0]).toBe(0);
    for (let index = 1; index < times.length; index++) expect(times[index]).toBeGreaterThan(times[index - 1] as number);
    // 1999 gaps of mean 250 ms: the observed rate is within a few percent of 4 per second.
    const rate = (times.length - 1) / ((times.at(-1) as number) / 1000);
    expect(rate).toBeGreaterThan(3.6);
    expect(rate).toBeLessThan(4.4);
  });
});
