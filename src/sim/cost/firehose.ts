import type { CostInput, CostLine } from './lines.js';
import { costLine, sumLines } from './lines.js';
import { FIREHOSE_PRICES } from './prices.js';

// Prices each Firehose stream by its ingestion: the records it accepted, each rounded up to whole
// 5 KB, per GB. Delivery to S3 has no Firehose charge of its own (S3's requests and storage are
// S3's); format conversion, dynamic partitioning and VPC delivery are not priced.

export interface FirehoseStreamCost {
  perHour: number;
  total: number;
  breakdown: Record<string, CostLine>;
}

interface FirehoseSection {
  deliveryStreams: Record<string, { billedIngestBytes: number }>;
}

export function priceFirehose(input: CostInput): Record<string, FirehoseStreamCost> | null {
  const firehose = input.metrics.firehose as FirehoseSection | undefined;
  if (!firehose) return null;
  const p = FIREHOSE_PRICES;
  return Object.fromEntries(
    Object.entries(firehose.deliveryStreams).map(([name, s]) => {
      const breakdown = { ingestGB: costLine(s.billedIngestBytes / p.bytesPerGB, p.ingestPerGB, input.durationMs) };
      return [name, { ...sumLines(breakdown), breakdown }];
    }),
  );
}
