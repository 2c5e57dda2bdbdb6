import { DEFAULT_GROUP_WEIGHTS, FEATURE_GROUPS, type FeatureGroup, type GroupWeights } from './feature.extractor.ts';

/** A sparse feature vector: parallel arrays of feature indices and values, L2-normalised. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

export interface VectorizerOptions {
  /** Features seen in fewer training messages are dropped (noise and memory). */
  minDocumentFrequency?: number;
  groupWeights?: GroupWeights;
}

/** Maps named features to indices with TF-IDF weights, learnt from the training messages. */
export interface Vectorizer {
  readonly size: number;
  /** What the vectorizer is made of, as plain data (see vectorizerFrom). */
  readonly parameters: VectorizerParameters;
  vectorize(features: ReadonlyMap<string, number>): SparseVector;
}

/** A fitted vectorizer as plain, structured-clone safe data. */
export interface VectorizerParameters {
  /** Index of each known feature. */
  readonly index: ReadonlyMap<string, number>;
  /** Inverse document frequency of each feature, by index. */
  readonly idf: Float32Array;
  /** Position in FEATURE_GROUPS of each feature's group, by index. */
  readonly group: Uint8Array;
  /** Weight of each group, in the order of FEATURE_GROUPS. */
  readonly groupWeights: readonly number[];
}

/**
 * Learns the vocabulary and inverse document frequencies of the training messages' features. Features unseen in
 * training are ignored when vectorising, so a message of only unknown words becomes the empty vector.
 */
export function fitVectorizer(
  documents: readonly ReadonlyMap<string, number>[],
  options: VectorizerOptions = {},
): Vectorizer {
  // Singletons are mostly noise in a large set, but in a small one they are much of the signal.
  const minDf = options.minDocumentFrequency ?? (documents.length >= 1000 ? 2 : 1);
  const groupWeights = options.groupWeights ?? DEFAULT_GROUP_WEIGHTS;
  const df = new Map<string, number>();
  for (const doc of documents) for (const key of doc.keys()) df.set(key, (df.get(key) ?? 0) + 1);
  const keys = [...df.keys()].filter((k) => (df.get(k) ?? 0) >= minDf).sort();
  const index = new Map<string, number>();
  const idf = new Float32Array(keys.length);
  const group = new Uint8Array(keys.length);
  for (const [i, key] of keys.entries()) {
    index.set(key, i);
    idf[i] = Math.log((1 + documents.length) / (1 + (df.get(key) ?? 0))) + 1;
    group[i] = FEATURE_GROUPS.indexOf(key[0] as FeatureGroup);
  }
  return vectorizerFrom({ index, idf, group, groupWeights: FEATURE_GROUPS.map((g) => groupWeights[g]) });
}

/** The vectorizer made of these parameters (e.g. fitted in a worker thread and posted back). */
export function vectorizerFrom(parameters: VectorizerParameters): Vectorizer {
  const { index, idf, group, groupWeights: weights } = parameters;
  return {
    size: idf.length,
    parameters,
    vectorize(features) {
      const indices: number[] = [];
      const values: number[] = [];
      const groupNorms = new Float64Array(FEATURE_GROUPS.length);
      for (const [key, count] of features) {
        const i = index.get(key);
        if (i === undefined) continue;
        const v = (1 + Math.log(count)) * (idf[i] ?? 1);
        indices.push(i);
        values.push(v);
        groupNorms[group[i] ?? 0]! += v * v;
      }
      let norm = 0;
      for (let k = 0; k < indices.length; k++) {
        const g = group[indices[k]!]!;
        const scaled = (values[k]! / Math.sqrt(groupNorms[g]!)) * weights[g]!;
        values[k] = scaled;
        norm += scaled * scaled;
      }
      const out = new Float32Array(values.length);
      const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let k = 0; k < values.length; k++) out[k] = values[k]! * inv;
      return { indices: Int32Array.from(indices), values: out };
    },
  };
}
