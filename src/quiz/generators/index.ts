// The generator for each kind of question. Each takes the notes and a seeded Rng and returns one
// question, or null when it cannot make a valid one this time (the engine then tries again).

import type { Generator, QuizKind } from '../model.js';
import { authored } from './authored.js';
import { calc } from './calc.js';
import { cloze } from './cloze.js';
import { compare } from './compare.js';
import { recall } from './recall.js';

export const GENERATORS: Readonly<Record<QuizKind, Generator>> = { recall, cloze, calc, compare, authored };

export { authored, authoredQuestion } from './authored.js';
export { calc, calcQuestion } from './calc.js';
export { cloze, clozeQuestion, clozePool } from './cloze.js';
export { compare, trueStatement, whichOption } from './compare.js';
export { recall, recallName, recallValue } from './recall.js';
