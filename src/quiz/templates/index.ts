// Every calc template, by id: the calc generator draws from this list and `validate` looks a
// question's template up here to recompute its key.

import { COST_TEMPLATES } from './cost.js';
import { KINESIS_TEMPLATES } from './kinesis.js';
import { OTHER_TEMPLATES } from './other.js';
import { PRODUCER_TEMPLATES } from './producers.js';
import { SQS_TEMPLATES } from './sqs.js';
import type { Template } from './types.js';

export const TEMPLATES: readonly Template[] = [...KINESIS_TEMPLATES, ...PRODUCER_TEMPLATES, ...SQS_TEMPLATES, ...OTHER_TEMPLATES, ...COST_TEMPLATES];

export const TEMPLATE_BY_ID: ReadonlyMap<string, Template> = new Map(TEMPLATES.map((t) => [t.id, t]));

export type { Template } from './types.js';
