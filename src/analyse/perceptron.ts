/**
 * An averaged structured perceptron (Collins 2002) over IOB2 tag sequences: per-token scores
 * from hashed features, first-order tag transitions, Viterbi decoding.
 *
 * Decoding only allows valid IOB2 sequences (I-X follows B-X or I-X), so every output reads
 * as entities without repair. Weights are averaged over all updates (lazily: each weight
 * also keeps the sum of its updates scaled by the time they happened), which is what makes
 * a perceptron generalise about as well as a CRF on this kind of task.
 *
 * Training is deterministic: the examples are visited in an order shuffled by a seeded
 * generator, so the same data, settings and seed give the same weights, bit for bit.
 *
 * Serialised form (gzip): "MNER" magic, a JSON header (tags, hash bits, quantisation scale,
 * training notes), the transition matrix as float32, then the non-zero feature rows: row ids
 * delta-coded as varints, each row a bit mask of its non-zero tags and those weights as
 * int16 multiples of the scale. Weights that quantise to zero are dropped (pruning).
 */
import { seededRandom } from '../model/seeded-random.js';
import { gunzipSync, gzipSync } from 'node:zlib';

export interface PerceptronHeader {
  tags: string[];
  bits: number;
  /** weight = int16 value × scale */
  scale: number;
  /** free-form training notes (data, epochs, seed) */
  notes?: Record<string, unknown>;
}

/** One training sentence: hashed features per token (see FeatureExtractor.sentence) and gold tag indices. */
export interface Example {
  feats: Uint32Array;
  offsets: Uint32Array;
  gold: Uint8Array;
}

export interface TrainOptions {
  tags: string[];
  bits: number;
  epochs: number;
  seed: number;
  /**
   * train this many models, with seeds seed, seed+1 …, and return their mean (`mixModels`);
   * default 1
   */
  mix?: number;
  /** called after each epoch (progress, dev scores; the first model's, when mixing) */
  onEpoch?: (epoch: number, errors: number, model: () => Perceptron) => void;
}


export class Perceptron {
  readonly tags: string[];
  readonly nt: number;
  readonly bits: number;
  readonly mask: number;
  /** feature row × tag */
  readonly weights: Float32Array;
  /** (previous tag, or nt for the start) × tag */
  readonly trans: Float32Array;
  /** 1 where a transition is allowed by IOB2 */
  readonly allowed: Uint8Array;
  notes: Record<string, unknown> = {};
  /** hashes of the words the features keep identity for (see FeatureExtractor), sorted */
  vocab: Uint32Array = new Uint32Array(0);
  private scratch = new Float64Array(0);
  private back = new Uint8Array(0);

  constructor(tags: string[], bits: number, weights?: Float32Array, trans?: Float32Array) {
    this.tags = tags;
    this.nt = tags.length;
    this.bits = bits;
    this.mask = (1 << bits) - 1;
    this.weights = weights ?? new Float32Array((1 << bits) * this.nt);
    this.trans = trans ?? new Float32Array((this.nt + 1) * this.nt);
    this.allowed = new Uint8Array((this.nt + 1) * this.nt);
    for (let p = 0; p <= this.nt; p++) {
      for (let t = 0; t < this.nt; t++) {
        const tag = tags[t]!;
        let ok = true;
        if (tag.startsWith('I-')) ok = p < this.nt && tags[p]!.slice(2) === tag.slice(2);
        this.allowed[p * this.nt + t] = ok ? 1 : 0;
      }
    }
  }

  /** Per-token emission scores, `n × nt`, into a reused buffer. */
  private emissions(feats: Uint32Array, offsets: Uint32Array, n: number): Float64Array {
    const nt = this.nt;
    if (this.scratch.length < n * nt) this.scratch = new Float64Array(Math.max(n * nt, 2 * this.scratch.length));
    const s = this.scratch;
    s.fill(0, 0, n * nt);
    const w = this.weights;
    const mask = this.mask;
    for (let i = 0; i < n; i++) {
      const o = i * nt;
      for (let k = offsets[i]!, e = offsets[i + 1]!; k < e; k++) {
        const base = (feats[k]! & mask) * nt;
        for (let t = 0; t < nt; t++) s[o + t]! += w[base + t]!;
      }
    }
    return s;
  }

  /**
   * The best valid tag sequence (tag indices) for a sentence's features.
   * @example model.decode(fx.sentence(['جو', 'بايدن']).feats, …) // Uint8Array [1, 2]
   */
  decode(feats: Uint32Array, offsets: Uint32Array): Uint8Array {
    const n = offsets.length - 1;
    const nt = this.nt;
    const out = new Uint8Array(n);
    if (n <= 0) return out;
    const em = this.emissions(feats, offsets, n);
    if (this.back.length < n * nt) this.back = new Uint8Array(Math.max(n * nt, 2 * this.back.length));
    const back = this.back;
    const tr = this.trans;
    const al = this.allowed;
    let prev = new Float64Array(nt);
    let cur = new Float64Array(nt);
    for (let t = 0; t < nt; t++) prev[t] = al[nt * nt + t] ? em[t]! + tr[nt * nt + t]! : -Infinity;
    for (let i = 1; i < n; i++) {
      for (let t = 0; t < nt; t++) {
        let best = -Infinity;
        let arg = 0;
        for (let p = 0; p < nt; p++) {
          if (!al[p * nt + t]) continue;
          const v = prev[p]! + tr[p * nt + t]!;
          if (v > best) (best = v), (arg = p);
        }
        cur[t] = best + em[i * nt + t]!;
        back[i * nt + t] = arg;
      }
      const tmp = prev;
      prev = cur;
      cur = tmp;
    }
    let bt = 0;
    for (let t = 1; t < nt; t++) if (prev[t]! > prev[bt]!) bt = t;
    out[n - 1] = bt;
    for (let i = n - 1; i > 0; i--) out[i - 1] = back[i * nt + out[i]!]!;
    return out;
  }

  /** Serialises the weights (quantised, pruned, gzipped). */
  serialise(notes: Record<string, unknown> = this.notes): Buffer {
    const nt = this.nt;
    let maxAbs = 0;
    for (let i = 0; i < this.weights.length; i++) maxAbs = Math.max(maxAbs, Math.abs(this.weights[i]!));
    const scale = maxAbs > 0 ? maxAbs / 32000 : 1;
    const rows: number[] = [];
    const bytes: number[] = [];
    let last = 0;
    const rowsN = 1 << this.bits;
    const q = new Int16Array(nt);
    for (let r = 0; r < rowsN; r++) {
      let m = 0;
      for (let t = 0; t < nt; t++) {
        q[t] = Math.round(this.weights[r * nt + t]! / scale);
        if (q[t] !== 0) m |= 1 << t;
      }
      if (!m) continue;
      rows.push(r);
      let d = r - last;
      last = r;
      while (d >= 0x80) bytes.push((d & 0x7f) | 0x80), (d >>>= 7);
      bytes.push(d);
      bytes.push(m);
      for (let t = 0; t < nt; t++) if (m & (1 << t)) bytes.push(q[t]! & 0xff, (q[t]! >> 8) & 0xff);
    }
    const header: PerceptronHeader = { tags: this.tags, bits: this.bits, scale, notes: { ...notes, rows: rows.length } };
    const hjson = Buffer.from(JSON.stringify(header), 'utf8');
    const head = Buffer.alloc(8);
    head.write('MNER', 0, 'latin1');
    head.writeUInt32LE(hjson.length, 4);
    const trans = Buffer.from(new Float32Array(this.trans).buffer);
    const count = Buffer.alloc(4);
    count.writeUInt32LE(rows.length, 0);
    const vocab = Uint32Array.from(this.vocab).sort();
    const vcount = Buffer.alloc(4);
    vcount.writeUInt32LE(vocab.length, 0);
    const vbytes: number[] = [];
    let prevV = 0;
    for (const v of vocab) {
      let d = v - prevV;
      prevV = v;
      while (d >= 0x80) vbytes.push((d & 0x7f) | 0x80), (d = Math.floor(d / 128));
      vbytes.push(d);
    }
    return gzipSync(Buffer.concat([head, hjson, trans, count, Buffer.from(bytes), vcount, Buffer.from(vbytes)]), { level: 9 });
  }

  /** Reads what `serialise` wrote. */
  static deserialise(gz: Buffer): Perceptron {
    const buf = gunzipSync(gz);
    if (buf.toString('latin1', 0, 4) !== 'MNER') throw new Error('not a Marsad NER model (bad magic)');
    const hlen = buf.readUInt32LE(4);
    const header = JSON.parse(buf.toString('utf8', 8, 8 + hlen)) as PerceptronHeader;
    const nt = header.tags.length;
    let at = 8 + hlen;
    // row and vocabulary gaps are stored as LEB128 varints
    const varint = (): number => {
      let d = 0;
      for (let shift = 0; ; shift += 7) {
        const b = buf[at++]!;
        d += (b & 0x7f) * 2 ** shift;
        if (b < 0x80) return d;
      }
    };
    const trans = new Float32Array((nt + 1) * nt);
    for (let i = 0; i < trans.length; i++, at += 4) trans[i] = buf.readFloatLE(at);
    const nrows = buf.readUInt32LE(at);
    at += 4;
    const weights = new Float32Array((1 << header.bits) * nt);
    let row = 0;
    for (let k = 0; k < nrows; k++) {
      const d = varint();
      row += d;
      const m = buf[at++]!;
      for (let t = 0; t < nt; t++) {
        if (!(m & (1 << t))) continue;
        weights[row * nt + t] = buf.readInt16LE(at) * header.scale;
        at += 2;
      }
    }
    const p = new Perceptron(header.tags, header.bits, weights, trans);
    p.notes = header.notes ?? {};
    const nv = buf.readUInt32LE(at);
    at += 4;
    p.vocab = new Uint32Array(nv);
    let v = 0;
    for (let k = 0; k < nv; k++) {
      const d = varint();
      v += d;
      p.vocab[k] = v;
    }
    return p;
  }
}

/**
 * Trains an averaged perceptron.
 * @example trainPerceptron(examples, { tags: ['O','B-PERSON','I-PERSON'], bits: 18, epochs: 10, seed: 1 })
 */
export function trainPerceptron(examples: readonly Example[], opts: TrainOptions): Perceptron {
  const k = Math.max(1, Math.floor(opts.mix ?? 1));
  if (k === 1) return trainOne(examples, opts);
  const models: Perceptron[] = [];
  for (let i = 0; i < k; i++) models.push(trainOne(examples, { ...opts, seed: opts.seed + i, onEpoch: i === 0 ? opts.onEpoch : undefined }));
  return mixModels(models);
}

/**
 * The mean of models over the same tags and hash bits (weights and transitions): parameter
 * mixing. Perceptrons trained on the same data in different orders err in different places;
 * their mean is one model of the same size and speed that depends less on the order.
 * @example mixModels([trainOne(ex, { ...o, seed: 1 }), trainOne(ex, { ...o, seed: 2 })])
 */
export function mixModels(models: readonly Perceptron[]): Perceptron {
  const first = models[0];
  if (!first) throw new Error('mixModels: no model');
  const w = new Float32Array(first.weights.length);
  const t = new Float32Array(first.trans.length);
  for (const m of models) {
    if (m.bits !== first.bits || m.tags.join() !== first.tags.join()) throw new Error('mixModels: models of different shapes');
    for (let i = 0; i < w.length; i++) w[i]! += m.weights[i]! / models.length;
    for (let i = 0; i < t.length; i++) t[i]! += m.trans[i]! / models.length;
  }
  return new Perceptron(first.tags, first.bits, w, t);
}

function trainOne(examples: readonly Example[], opts: TrainOptions): Perceptron {
  const model = new Perceptron(opts.tags, opts.bits);
  const nt = model.nt;
  const w = model.weights;
  const tr = model.trans;
  const uw = new Float64Array(w.length);
  const ut = new Float64Array(tr.length);
  const mask = model.mask;
  let c = 1;
  const order = examples.map((_, i) => i);
  const random = seededRandom(opts.seed);
  const averaged = (): Perceptron => {
    const aw = new Float32Array(w.length);
    for (let i = 0; i < w.length; i++) aw[i] = w[i]! - uw[i]! / c;
    const at = new Float32Array(tr.length);
    for (let i = 0; i < tr.length; i++) at[i] = tr[i]! - ut[i]! / c;
    return new Perceptron(opts.tags, opts.bits, aw, at);
  };
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    let errors = 0;
    for (const idx of order) {
      const ex = examples[idx]!;
      const pred = model.decode(ex.feats, ex.offsets);
      const n = ex.gold.length;
      let prevG = nt, prevP = nt;
      for (let i = 0; i < n; i++) {
        const g = ex.gold[i]!;
        const p = pred[i]!;
        if (g !== p) {
          errors++;
          for (let k = ex.offsets[i]!, e = ex.offsets[i + 1]!; k < e; k++) {
            const base = (ex.feats[k]! & mask) * nt;
            w[base + g]! += 1;
            uw[base + g]! += c;
            w[base + p]! -= 1;
            uw[base + p]! -= c;
          }
        }
        if (g !== p || prevG !== prevP) {
          const tg = prevG * nt + g;
          const tp = prevP * nt + p;
          tr[tg]! += 1;
          ut[tg]! += c;
          tr[tp]! -= 1;
          ut[tp]! -= c;
        }
        prevG = g;
        prevP = p;
      }
      c++;
    }
    opts.onEpoch?.(epoch, errors, averaged);
  }
  return averaged();
}
