// Shared fixtures for the quiz tests: a small set of notes with every construct the generators
// read, the shipped content, and a generator context with a fixed seed.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadContent } from '../../src/content/loader.js';
import type { ContentIndex } from '../../src/content/model.js';
import { createRng } from '../../src/sim/core/rng.js';
import { limitSourceFrom } from '../../src/quiz/limit-lines.js';
import type { GeneratorContext } from '../../src/quiz/model.js';

export const root = join(import.meta.dirname, '..', '..');
export const fixtureDir = join(import.meta.dirname, 'fixtures', 'notes');

let fixture: ContentIndex | undefined;
let shipped: ContentIndex | undefined;

export function fixtureIndex(): ContentIndex {
  return (fixture ??= loadContent(fixtureDir));
}

export function shippedIndex(): ContentIndex {
  return (shipped ??= loadContent(join(root, 'content')));
}

export const limitSource = limitSourceFrom(readFileSync(join(root, 'src', 'sim', 'limits.ts'), 'utf8'));

export function context(index: ContentIndex, seed = 1, extra: Partial<GeneratorContext> = {}): GeneratorContext {
  return { index, rng: createRng(seed), limitSource, ...extra };
}

/** The seed notes live outside the repository (../shared/seeds, or $SHARDLAB_SEEDS). */
export const seedsDir = process.env.SHARDLAB_SEEDS ?? join(root, '..', 'shared', 'seeds');
