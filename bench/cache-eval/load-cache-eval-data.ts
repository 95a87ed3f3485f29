// The three public data sets the cache evaluation runs over, read from /work/shared/data (or
// $HOTPATH_DATA): Banking77 and CLINC150 (queries of one intent are equivalent; CLINC150's
// out-of-scope queries must miss) and PAWS-Wiki (label-0 pairs share their words but not their
// meaning and must miss; label-1 pairs should hit).

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCsvRecords } from '../routing-eval/parse-csv.js';

export const defaultDataDirectory = process.env['HOTPATH_DATA'] ?? '/work/shared/data';

/** A query with the label that decides equivalence; `undefined` for out-of-scope (must miss). */
export interface LabelledQuery {
  text: string;
  label: string | undefined;
}

export interface IntentDataSet {
  name: 'banking77' | 'clinc150';
  /** Source of cache entries and calibration queries. */
  train: LabelledQuery[];
  /** Extra calibration queries (CLINC150 validation split, out-of-scope included). */
  validation: LabelledQuery[];
  /** Held-out queries the operating point is measured on. */
  test: LabelledQuery[];
}

export interface ParaphrasePair {
  first: string;
  second: string;
  paraphrase: boolean;
}

export interface PawsDataSet {
  name: 'paws-wiki';
  /** Calibration pairs. */
  dev: ParaphrasePair[];
  /** Held-out pairs. */
  test: ParaphrasePair[];
}

export async function loadBanking77(directory = defaultDataDirectory): Promise<IntentDataSet> {
  const read = async (file: string) =>
    parseCsvRecords(await readFile(join(directory, 'banking77', file), 'utf8')).map((row) => ({ text: (row['text'] ?? '').trim(), label: row['category'] }));
  const [train, test] = await Promise.all([read('train.csv'), read('test.csv')]);
  return { name: 'banking77', train: train.filter((query) => query.text !== ''), validation: [], test: test.filter((query) => query.text !== '') };
}

export async function loadClinc150(directory = defaultDataDirectory): Promise<IntentDataSet> {
  const data = JSON.parse(await readFile(join(directory, 'clinc150', 'data_full.json'), 'utf8')) as Record<string, Array<[string, string]>>;
  const split = (key: string) => (data[key] ?? []).map(([text, intent]) => ({ text: text.trim(), label: intent === 'oos' ? undefined : intent }));
  return {
    name: 'clinc150',
    train: split('train'),
    validation: [...split('val'), ...split('oos_train'), ...split('oos_val')],
    test: [...split('test'), ...split('oos_test')],
  };
}

export async function loadPawsWiki(directory = defaultDataDirectory): Promise<PawsDataSet> {
  const read = async (file: string): Promise<ParaphrasePair[]> => {
    const lines = (await readFile(join(directory, 'paws_wiki', file), 'utf8')).split('\n').slice(1);
    return lines
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const [, first = '', second = '', label = '0'] = line.split('\t');
        return { first, second, paraphrase: label.trim() === '1' };
      });
  };
  const [dev, test] = await Promise.all([read('dev.tsv'), read('test.tsv')]);
  return { name: 'paws-wiki', dev, test };
}

/** Every distinct text the evaluation embeds. */
export function evaluationTexts(sets: { banking77: IntentDataSet; clinc150: IntentDataSet; paws: PawsDataSet }): string[] {
  const texts = new Set<string>();
  for (const set of [sets.banking77, sets.clinc150]) for (const query of [...set.train, ...set.validation, ...set.test]) texts.add(query.text);
  for (const pair of [...sets.paws.dev, ...sets.paws.test]) {
    texts.add(pair.first);
    texts.add(pair.second);
  }
  return [...texts];
}
