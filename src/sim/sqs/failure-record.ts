import type { FailedBatchInfo } from '../kinesis/consumers/lambda.js';
import type { KinesisService } from '../kinesis/service.js';
import { parseSequenceNumber } from '../kinesis/shard.js';
import { isoTime, uuidOf } from './ids.js';

// What a Lambda event source mapping on a Kinesis stream sends its on-failure destination when it
// gives up on a batch: the invocation record, with KinesisBatchInfo pointing at the records
// (not the records themselves), in the layout of AWS's example
// (lambda/latest/dg/kinesis-on-failure-destination.html).

export interface KinesisFailureRecord {
  requestContext: { requestId: string; condition: string; approximateInvokeCount: number };
  responseContext?: { statusCode: number; executedVersion: string; functionError: string };
  version: '1.0';
  timestamp: string;
  KinesisBatchInfo: {
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    approximateArrivalOfFirstRecord: string | null;
    approximateArrivalOfLastRecord: string | null;
    batchSize: number;
    streamArn: string | null;
  };
}

/** The record for a discarded batch; arrival times and the stream come from its sequence numbers. */
export function failureRecord(info: FailedBatchInfo, kinesis: KinesisService, serial: number): KinesisFailureRecord {
  const first = locate(kinesis, info.startSequenceNumber);
  const last = locate(kinesis, info.endSequenceNumber);
  const record: KinesisFailureRecord = {
    requestContext: { requestId: uuidOf(serial, 0x1a4bda), condition: info.condition, approximateInvokeCount: info.approximateInvokeCount },
    version: '1.0',
    timestamp: isoTime(info.atMs),
    KinesisBatchInfo: {
      shardId: info.shardId,
      startSequenceNumber: info.startSequenceNumber,
      endSequenceNumber: info.endSequenceNumber,
      approximateArrivalOfFirstRecord: first.arrival === null ? null : isoTime(first.arrival),
      approximateArrivalOfLastRecord: last.arrival === null ? null : isoTime(last.arrival),
      batchSize: info.batchSize,
      streamArn: first.streamArn,
    },
  };
  // Only a batch that was invoked and failed has a function response to report.
  if (info.condition === 'RetryAttemptsExhausted') {
    record.responseContext = { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' };
  }
  return record;
}

function locate(kinesis: KinesisService, sequence: string): { arrival: number | null; streamArn: string | null } {
  const parsed = parseSequenceNumber(sequence);
  if (!parsed) return { arrival: null, streamArn: null };
  for (const stream of kinesis.streams.values()) {
    if (stream.epoch !== parsed.epoch) continue;
    const shard = stream.shards.find((s) => s.number === parsed.shardNumber);
    const log = shard?.log;
    const arrival = log && parsed.index >= log.first && parsed.index < log.end ? log.arrivalAt(parsed.index) : null;
    return { arrival, streamArn: stream.arn };
  }
  return { arrival: null, streamArn: null };
}
