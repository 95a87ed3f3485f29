// `hotpath train-classifier`: embeds labelled examples, measures accuracy on a held-out part, then trains
// on all of them and writes the state the classifier loads. Same examples + same seed = same file.

import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type {
  ClassifierEvaluation,
  ClassifierState,
  EmbeddedExample,
  LabelledExample,
  TrainedClassifier,
} from '../classifier/index.js';
import {
  createComplexityClassifier,
  createSeededRandom,
  defaultClassifierStatePath,
  defaultTiers,
  defaultTrainingDataDirectory,
  evaluateClassifier,
  parseLabelledExamples,
  serializeClassifierState,
  shuffleInPlace,
  trainClassifier,
} from '../classifier/index.js';
import { createUniversalSentenceEncoder } from '../embeddings/index.js';
import type { EmbeddingModel } from '../spec/index.js';
import { HotpathError } from '../util/index.js';

export interface TrainClassifierCommandOptions {
  /** JSONL files, or folders whose *.jsonl files are read (default: the shipped examples). */
  examples?: string | readonly string[];
  /** Where to write the state (default: the shipped default state). */
  out?: string;
  /** Seed for the split and the training (default 7). */
  seed?: number | string;
  /** Ordered tiers, cheapest first: an array or a comma-separated list (default simple,complex). */
  tiers?: string | readonly string[];
  /** Share of each tier held out to measure accuracy (default 0.2). */
  testShare?: number | string;
  epochs?: number | string;
  /** Embedding model; default: the offline Universal Sentence Encoder (closed when done). */
  encoder?: EmbeddingModel;
  /** Where progress and results are printed (default: console.log). */
  log?: (line: string) => void;
}

export interface TrainClassifierCommandResult {
  out: string;
  state: ClassifierState;
  heldOut: ClassifierEvaluation;
  crossValidation: TrainedClassifier['crossValidation'];
}

function invalid(option: string, message: string): HotpathError {
  return new HotpathError('HOTPATH_INVALID_ARGUMENT', `train-classifier: --${option} ${message}`, { details: { option } });
}

function integerOption(value: number | string | undefined, option: string, fallback: number, minimum: number): number {
  if (value === undefined) return fallback;
  const parsed = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(parsed) || parsed < minimum) throw invalid(option, `must be an integer ≥ ${minimum} (got ${value})`);
  return parsed;
}

async function exampleFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      throw invalid('examples', `names a path that does not exist: ${path}`);
    }
    if (info.isDirectory()) {
      const names = (await readdir(path)).filter((name) => name.endsWith('.jsonl')).sort();
      if (names.length === 0) throw invalid('examples', `folder ${path} holds no .jsonl files`);
      files.push(...names.map((name) => join(path, name)));
    } else {
      files.push(path);
    }
  }
  return files;
}

/** Splits each tier's examples by a seeded shuffle, so both parts keep the tier mix. */
function stratifiedSplit<T extends { tier: string }>(items: readonly T[], testShare: number, seed: number): { train: T[]; test: T[] } {
  const random = createSeededRandom(seed);
  const train: T[] = [];
  const test: T[] = [];
  const tiers = [...new Set(items.map((item) => item.tier))].sort();
  for (const tier of tiers) {
    const members = shuffleInPlace(
      items.filter((item) => item.tier === tier),
      random,
    );
    const testCount = Math.round(members.length * testShare);
    test.push(...members.slice(0, testCount));
    train.push(...members.slice(testCount));
  }
  return { train, test };
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

export async function runTrainClassifierCommand(options: TrainClassifierCommandOptions = {}): Promise<TrainClassifierCommandResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const seed = integerOption(options.seed, 'seed', 7, 0);
  const epochs = integerOption(options.epochs, 'epochs', 40, 1);
  const tiers = typeof options.tiers === 'string' ? options.tiers.split(',').map((tier) => tier.trim()).filter(Boolean) : (options.tiers ?? defaultTiers);
  const testShare = options.testShare === undefined ? 0.2 : Number(options.testShare);
  if (!(testShare > 0 && testShare < 1)) throw invalid('test-share', `must be a number between 0 and 1 (got ${options.testShare})`);
  const out = options.out ?? defaultClassifierStatePath;
  const paths = options.examples === undefined ? [defaultTrainingDataDirectory] : typeof options.examples === 'string' ? [options.examples] : options.examples;

  const labelled: LabelledExample[] = [];
  for (const file of await exampleFiles(paths)) {
    labelled.push(...parseLabelledExamples(await readFile(file, 'utf8'), { source: file, tiers }));
  }
  if (labelled.length === 0) throw invalid('examples', 'hold no examples');
  log(`Read ${labelled.length} examples (${tiers.map((tier) => `${tier}: ${labelled.filter((example) => example.tier === tier).length}`).join(', ')}).`);

  const ownEncoder = options.encoder === undefined ? createUniversalSentenceEncoder() : undefined;
  const encoder: EmbeddingModel = options.encoder ?? (ownEncoder as EmbeddingModel);
  let embedded: EmbeddedExample[];
  try {
    const started = performance.now();
    const vectors: Float32Array[] = [];
    const batchSize = 32;
    for (let start = 0; start < labelled.length; start += batchSize) {
      vectors.push(...(await encoder.embed(labelled.slice(start, start + batchSize).map((example) => example.text))));
    }
    embedded = labelled.map((example, index) => ({ ...example, embedding: vectors[index] as Float32Array }));
    log(`Embedded them with ${encoder.modelId} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await ownEncoder?.close();
  }

  const training = { embeddingModelId: encoder.modelId, tiers, seed, epochs };
  const { train, test } = stratifiedSplit(embedded, testShare, seed);
  const trial = trainClassifier({ ...training, examples: train });
  const heldOut = evaluateClassifier(createComplexityClassifier({ state: trial.state, onlineLearning: false }), test);
  log(`Held-out accuracy: ${percent(heldOut.accuracy)} on ${test.length} examples (trained on ${train.length}); ` +
    `log loss ${heldOut.logLoss.toFixed(3)}, expected calibration error ${percent(heldOut.expectedCalibrationError)}.`);
  for (const tier of tiers) {
    const quality = heldOut.perTier[tier];
    if (quality !== undefined) log(`  ${tier}: precision ${percent(quality.precision)}, recall ${percent(quality.recall)} (${quality.examples} examples)`);
  }
  const trialClassifier = createComplexityClassifier({ state: trial.state, onlineLearning: false });
  const mistakes = test.filter((example) => trialClassifier.classify(example).tier !== example.tier).slice(0, 5);
  for (const mistake of mistakes) log(`  missed (${mistake.tier}): ${mistake.text.replace(/\s+/g, ' ').slice(0, 100)}`);

  const final = trainClassifier({ ...training, examples: embedded });
  const state: ClassifierState = { ...final.state, training: { ...final.state.training, heldOutAccuracy: heldOut.accuracy } };
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, serializeClassifierState(state), 'utf8');
  if (final.crossValidation !== undefined) {
    log(`Trained on all ${embedded.length} examples; ${final.crossValidation.folds}-fold calibration took log loss from ` +
      `${final.crossValidation.logLossBeforeCalibration.toFixed(3)} to ${final.crossValidation.logLossAfterCalibration.toFixed(3)}.`);
  }
  log(`Wrote ${out}.`);
  return { out, state, heldOut, crossValidation: final.crossValidation };
}
