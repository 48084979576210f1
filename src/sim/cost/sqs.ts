import type { CostInput, CostLine } from './lines.js';
import { costLine, sumLines } from './lines.js';
import { SQS_PRICES } from './prices.js';

// Prices each queue by its billed requests (the queue's `requests` metric: admitted send,
// receive, delete and change-visibility calls, each 64 KB chunk of a payload one more request)
// at the standard or FIFO rate. The monthly free million is not subtracted, control-plane calls
// (create, attributes, purge) and data transfer out are not priced, and no volume tier applies.

export interface SqsQueueCost {
  type: 'standard' | 'fifo';
  perHour: number;
  total: number;
  breakdown: Record<string, CostLine>;
}

interface SqsSection {
  queues: Record<string, { type: 'standard' | 'fifo'; requests: number }>;
}

export function priceSqs(input: CostInput): Record<string, SqsQueueCost> | null {
  const sqs = input.metrics.sqs as SqsSection | undefined;
  if (!sqs) return null;
  const p = SQS_PRICES;
  return Object.fromEntries(
    Object.entries(sqs.queues).map(([name, q]) => {
      const price = q.type === 'fifo' ? p.fifoPerMillion : p.standardPerMillion;
      const breakdown = { requests: costLine(q.requests / 1e6, price, input.durationMs) };
      return [name, { type: q.type, ...sumLines(breakdown), breakdown }];
    }),
  );
}
