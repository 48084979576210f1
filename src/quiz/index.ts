// The quiz engine's public surface: what the CLI, the Practice screen and the exam build on.

export { generateQuiz, scopeIndex, DEFAULT_WEIGHTS, type QuizRequest, type QuizRun } from './engine.js';
export { GENERATORS, authoredQuestion, calcQuestion, clozeQuestion, recallName, recallValue, trueStatement, whichOption } from './generators/index.js';
export { validate, isValid, statedChoice, type ValidationResult } from './validate.js';
export { questionJson, type QuestionJson } from './json.js';
export { MISCONCEPTIONS, type MisconceptionId } from './misconceptions.js';
export { TEMPLATES, TEMPLATE_BY_ID } from './templates/index.js';
export { limitLines, limitSourceFrom, LIMITS_FILE } from './limit-lines.js';
export { QUIZ_KINDS, type Question, type QuizKind, type QuizOption, type Distractor, type Generator, type GeneratorContext } from './model.js';
export * as arithmetic from './arithmetic.js';
