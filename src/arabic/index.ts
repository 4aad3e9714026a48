/**
 * The Arabic text core: normalisation with offset maps, tokenisation, sentence splitting,
 * clitic segmentation and light stemming, name romanisation, and the combined `analyze`.
 */
export { normalize, fold, MATCH, SEGMENT, CLEAN, type NormalizeOptions, type Normalized } from './normalize.js';
export { tokenize, scanTokens, numberValue, type Token, type TokenKind } from './tokenize.js';
export { splitSentences, type Sentence, type SentenceOptions } from './sentences.js';
export { segment, isCommonWord, lightStem, stemKey, wordInfo, inLexicon, foldKey, clearSegmentCache, type Segmentation, type SegmentPart, type WordInfo } from './segment.js';
export { romanize, nameKey } from './romanize.js';
export { analyze, type Analysis, type Term } from './analyze.js';
