// createRouter: a ModelStepCaller that picks the tier per request (classifier on the shared request
// embedding, else a text heuristic), keeps it across the run's steps unless it had to escalate, never
// starts a call that cannot finish before the deadline, and hands each step to routeStep for hedging,
// the quality gate, escalation and failover. Everything option-dependent is resolved here, once.

import type { ModelStreamPart, ModelUsage } from '../spec/index.js';
import { createBoundedWait, ExponentialAverage, HotpathError } from '../util/index.js';
import { chooseDeployment, downgradeOrder } from './choose-deployment.js';
import { classifyRequest, type StartTierDecision } from './classify-request.js';
import { heuristicTier } from './complexity-heuristic.js';
import { HedgeBudget } from './hedge-budget.js';
import { resolveRouterOptions, type ResolvedDeployment, type RouterOptions } from './router-options.js';
import { RouterCounters, snapshotRouterStats, type RouterStats } from './router-stats.js';
import type { RouterRun, RouterStepCaller, RouterStepRequest, RouterWarmUpOptions } from './router-types.js';
import { deadlineExceeded, routeStep, type RunRoute, type StepRouting } from './route-step.js';

export interface RouteDecisionInput {
  /** The user's request. */
  text: string;
  /** Its embedding, when one was computed. */
  embedding?: Float32Array;
  /** Absolute deadline (epoch ms); default none. */
  deadline?: number;
}

export interface RouteDecision {
  tier: string;
  deployment: string;
  /** What picked the starting tier. */
  source: StartTierDecision['source'];
  score: number;
  /** Estimated duration of the call (ms), when the deployment has been measured or has a prior. */
  estimatedMs: number | undefined;
  /** The wanted tier could not finish in time (or was cooling down), so a faster one was chosen. */
  downgraded: boolean;
}

export interface ModelRouter extends RouterStepCaller {
  stream(request: RouterStepRequest): Promise<AsyncIterable<ModelStreamPart>>;
  /** Warms every deployment's model; rejects only when none could be warmed. */
  warmUp(options?: RouterWarmUpOptions): Promise<void>;
  /** The choice a request would get now, without calling a model (for explanations and benchmarks). */
  decide(input: RouteDecisionInput): RouteDecision;
  stats(): RouterStats;
  /** Writes the classifier's state (with what escalations taught it) to its store. */
  saveClassifier(): Promise<void>;
  readonly tiers: readonly string[];
}

export function createRouter(options: RouterOptions): ModelRouter {
  const settings = resolveRouterOptions(options);
  const tierNames = Object.freeze(settings.tiers.map((tier) => tier.name));
  const counters = new RouterCounters(tierNames);
  const budget = new HedgeBudget({ maxRate: settings.hedging.maxRate, burst: settings.hedging.burst });
  const outputTokens = settings.tiers.map(() => new ExponentialAverage(0.2, settings.deadline.expectedOutputTokens));
  // Per run: its route, and the classification time its first step's decision still has to account for.
  const routes = new WeakMap<RouterRun, Promise<{ route: RunRoute; classifyMs: number }>>();
  const deployments = settings.tiers.flatMap((tier) => tier.deployments);
  const classifier = settings.classifier;
  let unsavedLessons = 0;
  let saving: Promise<void> = Promise.resolve();

  const save = (): Promise<void> => {
    if (classifier?.save === undefined) {
      return Promise.reject(new HotpathError('HOTPATH_INVALID_CONFIG', 'createRouter: option "classifier" has no save(): nothing to save the state with', { details: { option: 'classifier' } }));
    }
    unsavedLessons = 0;
    const write = saving.then(() => classifier.save!());
    saving = write.then(
      () => void counters.learning.saves++,
      () => void counters.learning.saveErrors++,
    );
    return write;
  };

  const routing: StepRouting = {
    settings,
    counters,
    budget,
    expectedOutputTokens: (tierIndex) => outputTokens[tierIndex]?.value ?? settings.deadline.expectedOutputTokens,
    recordUsage(deployment: ResolvedDeployment, usage: ModelUsage) {
      outputTokens[deployment.tierIndex]?.add(usage.outputTokens);
      counters.cost += (usage.inputTokens / 1000) * deployment.costPer1kInputTokens + (usage.outputTokens / 1000) * deployment.costPer1kOutputTokens;
    },
    learn(route, servedTier, succeeded) {
      if (!settings.learning.enabled || classifier === undefined || route.learned || route.embedding === undefined) return;
      const servedBy = settings.classifierTierOfRouterTier[servedTier];
      if (servedBy === undefined) return;
      route.learned = true;
      let lesson;
      try {
        lesson = classifier.learnFromOutcome({ text: route.text, embedding: route.embedding, servedBy, succeeded });
      } catch {
        return; // A classifier that cannot learn this example must not fail the request.
      }
      if (lesson === undefined) return;
      counters.learning.lessons++;
      unsavedLessons++;
      if (settings.learning.saveEvery > 0 && unsavedLessons >= settings.learning.saveEvery) save().catch(() => {});
    },
  };

  const classify = (text: string, embedding: Float32Array | undefined): StartTierDecision =>
    classifyRequest({ text, embedding, classifier, routerTierOfClassifierTier: settings.routerTierOfClassifierTier, tierCount: settings.tiers.length });
  // The first decisions compile the feature regular expressions and warm the JIT (~5 ms): pay that here, not on a request.
  for (const text of warmUpTexts) heuristicTier(text, settings.tiers.length);

  const chooseFirst = (tierIndex: number, remainingMs: number) => {
    const choice = chooseDeployment({
      tiers: settings.tiers,
      tierOrder: downgradeOrder(tierIndex),
      remainingMs,
      safetyMarginMs: settings.deadline.safetyMarginMs,
      expectedOutputTokens: routing.expectedOutputTokens,
      random: settings.random,
      now: Date.now(),
    });
    if (choice.kind === 'chosen') return choice;
    throw choice.kind === 'too-slow'
      ? deadlineExceeded(remainingMs, choice)
      : new HotpathError('HOTPATH_NO_ROUTE', 'the router has no deployment to call');
  };

  // Embeddings that usually arrive after the wait (long texts, a loaded encoder) are not waited for:
  // the router takes one already computed and otherwise decides by the heuristic at once.
  const embeddingWait = createBoundedWait({ maxWaitMs: settings.embeddingTimeoutMs });
  const embeddingFor = (run: RouterRun): Promise<Float32Array | undefined> => {
    let pending: Promise<Float32Array> | undefined;
    try {
      pending = run.requestEmbedding();
    } catch {
      return Promise.resolve(undefined);
    }
    return pending === undefined ? Promise.resolve(undefined) : embeddingWait.value(pending);
  };

  const routeFor = (run: RouterRun): Promise<{ route: RunRoute; classifyMs: number }> => {
    let pending = routes.get(run);
    if (pending === undefined) {
      pending = (async () => {
        const embedding = await embeddingFor(run);
        const span = run.recorder.start('classify', 'route');
        const startedAt = performance.now();
        const decision = classify(run.input, embedding);
        const classifyMs = performance.now() - startedAt;
        const tier = tierNames[decision.tierIndex]!;
        span.end({ tier, source: decision.source, score: Math.round(decision.score * 1000) / 1000 });
        counters.startsByTier[tier] = (counters.startsByTier[tier] ?? 0) + 1;
        counters.startsBySource[decision.source]++;
        if (decision.raised) counters.startsBySource.raisedByHeuristic++;
        return { route: { text: run.input, embedding, tier: decision.tierIndex, nextStepTier: undefined, failures: 0, escalated: false, learned: false }, classifyMs };
      })();
      routes.set(run, pending);
    }
    return pending;
  };

  return Object.freeze({
    tiers: tierNames,

    async stream(request: RouterStepRequest): Promise<AsyncIterable<ModelStreamPart>> {
      request.run.signal.throwIfAborted();
      const routed = await routeFor(request.run);
      const { route } = routed;
      const classifyMs = routed.classifyMs;
      routed.classifyMs = 0;
      const startedAt = performance.now();
      counters.steps++;
      const wanted = Math.max(route.tier, route.nextStepTier ?? 0);
      route.nextStepTier = undefined;
      let first;
      try {
        first = chooseFirst(wanted, request.run.deadline - Date.now());
      } catch (error) {
        counters.deadlineRejections++;
        throw error;
      }
      if (first.deployment.tierIndex < wanted) counters.deadlineDowngrades++;
      counters.decision.add(performance.now() - startedAt + classifyMs);
      return routeStep(routing, request, route, first.deployment);
    },

    async warmUp(warmUpOptions?: RouterWarmUpOptions): Promise<void> {
      if (classifier?.dimensions !== undefined) {
        const embedding = new Float32Array(classifier.dimensions);
        for (const text of warmUpTexts) classify(text, embedding);
      }
      const results = await Promise.allSettled(deployments.map((deployment) => deployment.model.warmUp?.(warmUpOptions)));
      const failures = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
      if (failures.length > 0 && failures.length === results.length) throw failures[0]!.reason;
    },

    decide(input: RouteDecisionInput): RouteDecision {
      const decision = classify(input.text, input.embedding);
      const choice = chooseFirst(decision.tierIndex, input.deadline === undefined ? Number.POSITIVE_INFINITY : input.deadline - Date.now());
      return {
        tier: choice.deployment.tierName,
        deployment: choice.deployment.id,
        source: decision.source,
        score: decision.score,
        estimatedMs: choice.estimatedMs,
        downgraded: choice.deployment.tierIndex < decision.tierIndex,
      };
    },

    stats(): RouterStats {
      return snapshotRouterStats({ counters, deployments, hedging: settings.hedging });
    },

    async saveClassifier(): Promise<void> {
      await save();
    },
  });
}

const warmUpTexts = ["What's the status of INC-4821?", 'Analyze the trend in P1 incidents this quarter and explain why it changed.'];

/** The shared request embedding if it is ready within `timeoutMs`; a slow or failed one routes on text alone. */
