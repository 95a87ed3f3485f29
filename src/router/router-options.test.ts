import { describe, expect, it } from 'vitest';
import { HotpathError } from '../util/index.js';
import { createRouter } from './create-router.js';
import type { RouterClassifier, RouterOptions } from './router-options.js';
import { scriptedDeployment, textAnswer } from './test-support/scripted-deployment.js';

const model = (modelId: string) => scriptedDeployment({ modelId, script: [textAnswer('ok')] });
const twoTiers = (): RouterOptions => ({
  tiers: [
    { name: 'fast', deployments: [{ model: model('small') }] },
    { name: 'powerful', deployments: [{ model: model('large') }] },
  ],
});

function configError(options: unknown): HotpathError {
  try {
    createRouter(options as RouterOptions);
  } catch (error) {
    expect(HotpathError.isInstance(error)).toBe(true);
    expect((error as HotpathError).code).toBe('HOTPATH_INVALID_CONFIG');
    return error as HotpathError;
  }
  throw new Error('createRouter accepted invalid options');
}

const fakeClassifier = (tiers: string[]): RouterClassifier => ({
  tiers,
  classify: () => ({ tier: tiers[0]!, probabilities: {}, score: 0, features: {} as never }),
  learnFromOutcome: () => undefined,
});

describe('createRouter options', () => {
  it('accepts two tiers and exposes their names in order', () => {
    expect(createRouter(twoTiers()).tiers).toEqual(['fast', 'powerful']);
  });

  it('names the offending option', () => {
    expect(configError({ tiers: [] }).message).toContain('"tiers"');
    expect(configError({ tiers: [{ name: 'fast', deployments: [] }] }).message).toContain('tiers[0].deployments');
    expect(configError({ tiers: [{ name: 'fast', deployments: [{ model: {} }] }] }).message).toContain('tiers[0].deployments[0].model');
    expect(configError({ ...twoTiers(), hedging: { maxRate: 2 } }).message).toContain('hedging.maxRate');
    expect(configError({ ...twoTiers(), hedging: { quantile: 0.3 } }).message).toContain('hedging.quantile');
    expect(configError({ ...twoTiers(), escalation: { holdBackTokens: -1 } }).message).toContain('escalation.holdBackTokens');
    expect(configError({ ...twoTiers(), failover: { order: 'random' } }).message).toContain('failover.order');
    expect(configError({ ...twoTiers(), deadline: { expectedOutputTokens: 0 } }).message).toContain('deadline.expectedOutputTokens');
    expect(configError({ ...twoTiers(), tierz: [] }).message).toContain('tierz');
  });

  it('rejects repeated tier names and indistinguishable deployments', () => {
    const same = model('small');
    expect(configError({ tiers: [{ name: 'fast', deployments: [{ model: same }] }, { name: 'fast', deployments: [{ model: model('x') }] }] }).message).toContain('tiers[1].name');
    expect(configError({ tiers: [{ name: 'fast', deployments: [{ model: same }, { model: same }] }] }).message).toContain('tiers[0].deployments[1].name');
    expect(() => createRouter({ tiers: [{ name: 'fast', deployments: [{ model: same, name: 'a' }, { model: same, name: 'b' }] }] })).not.toThrow();
  });

  it('maps classifier tiers by name, by position, or as told — and says when it cannot', () => {
    expect(() => createRouter({ ...twoTiers(), classifier: fakeClassifier(['fast', 'powerful']) })).not.toThrow();
    expect(() => createRouter({ ...twoTiers(), classifier: fakeClassifier(['simple', 'complex']) })).not.toThrow();
    expect(() => createRouter({ ...twoTiers(), classifier: fakeClassifier(['simple', 'complex']), classifierTiers: { simple: 'fast', complex: 'powerful' } })).not.toThrow();
    expect(configError({ ...twoTiers(), classifier: fakeClassifier(['a', 'b', 'c']) }).message).toContain('classifierTiers');
    expect(configError({ ...twoTiers(), classifier: fakeClassifier(['simple', 'complex']), classifierTiers: { simple: 'fast', complex: 'huge' } }).message).toContain('classifierTiers.complex');
    expect(configError({ ...twoTiers(), classifierTiers: { simple: 'fast' } }).message).toContain('without a classifier');
    expect(configError({ ...twoTiers(), classifier: { tiers: ['a'] } }).message).toContain('classifier');
  });
});
