// The quiz prices its cost questions with the engine's table, so a question and a lab's cost
// check always quote the same figures.
export { KDS_PRICES } from '../sim/cost/prices.js';
