import type { Stream } from '../kinesis/stream.js';
import type { CostInput, CostLine } from './lines.js';
import { costLine, sumLines } from './lines.js';
import { KDS_PRICES } from './prices.js';

// Prices each Kinesis stream of a run the way the bill counts it: provisioned streams by the
// shard-hours their open shards ran, PUT payload units of 25 KiB and, with enhanced fan-out,
// consumer-shard-hours and the data pushed; on-demand streams by the stream-hours, the data
// written with each record rounded up to whole KiB, the data read by GetRecords and the data
// pushed by enhanced fan-out.

const HOUR_MS = 3_600_000;

export interface KinesisStreamCost {
  mode: 'PROVISIONED' | 'ON_DEMAND';
  /** The run's charges, extended to an hour at the run's average. */
  perHour: number;
  /** The run's charges for its whole duration. */
  total: number;
  breakdown: Record<string, CostLine>;
}

export function priceKinesis(input: CostInput): Record<string, KinesisStreamCost> | null {
  const streams = [...input.kinesis.streams.values()];
  if (streams.length === 0) return null;
  return Object.fromEntries(streams.map((s) => [s.name, priceStream(s, input.durationMs)]));
}

function priceStream(stream: Stream, durationMs: number): KinesisStreamCost {
  const gb = (bytes: number) => bytes / KDS_PRICES.bytesPerGB;
  const line = (quantity: number, unitPrice: number) => costLine(quantity, unitPrice, durationMs);
  const efoHours = efoConsumerShardMs(stream, durationMs) / HOUR_MS;
  const provisioned = stream.mode === 'PROVISIONED';
  // Every line is there for both modes, so one check reads either; a line the mode does not bill
  // keeps its measured quantity at a price of 0.
  const p = KDS_PRICES.provisioned;
  const o = KDS_PRICES.onDemand;
  const billed = (forProvisioned: boolean, price: number) => (forProvisioned === provisioned ? price : 0);
  const breakdown: Record<string, CostLine> = {
    shardHours: line(shardMs(stream, durationMs) / HOUR_MS, billed(true, p.shardHour)),
    putPayloadUnits: line(stream.putPayloadUnits / 1e6, billed(true, p.putPayloadUnitsPerMillion)),
    efoConsumerShardHours: line(efoHours, billed(true, p.efoConsumerShardHour)),
    streamHours: line((durationMs - stream.createdAt) / HOUR_MS, billed(false, o.streamHour)),
    ingestGB: line(gb(stream.billedIngestBytes), billed(false, o.ingestPerGB)),
    retrievalGB: line(gb(stream.shards.reduce((n, s) => n + s.bytesRead, 0)), billed(false, o.retrievalPerGB)),
    efoRetrievalGB: line(gb(stream.efoBytesOut), provisioned ? p.efoRetrievalPerGB : o.efoRetrievalPerGB),
  };
  const { total, perHour } = sumLines(breakdown);
  return { mode: stream.mode, perHour, total, breakdown };
}

/** Milliseconds each shard was open in the run, added up. */
function shardMs(stream: Stream, durationMs: number): number {
  return stream.shards.reduce((n, s) => n + Math.max(0, (s.closedAt ?? durationMs) - s.openedAt), 0);
}

/** For each registered consumer, the time each shard was open while it was registered. */
function efoConsumerShardMs(stream: Stream, durationMs: number): number {
  let total = 0;
  for (const registered of stream.efoRegisteredAt) {
    for (const s of stream.shards) total += Math.max(0, (s.closedAt ?? durationMs) - Math.max(s.openedAt, registered));
  }
  return total;
}
