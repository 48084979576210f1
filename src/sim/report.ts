import { KINESIS } from './limits.js';
import type { FirehoseMetrics } from './firehose/service.js';
import type { IotMetrics } from './iot/service.js';
import type { ActionResult, MetricsDocument, ShardMetrics, StreamMetrics } from './scenario/metrics.js';
import type { SqsMetrics } from './sqs/metrics.js';

// The human summary `shardlab sim` prints without --json: per stream a per-shard throughput bar
// chart against the shard limits and a per-second sparkline of throttled writes, then the key
// figures of each producer and consumer, then what each action answered. Every line fits 80
// columns. It reads only the metrics document, so it shows exactly what --json reports.

const WIDTH = 80;
const BAR = 40;
const MAX_SHARDS = 16;
const SPARK_WIDTH = 60;
const NBSP = '\u00a0';
const MiB = 1024 * 1024;
const SHARD_RECORDS = KINESIS.shardWriteRecords.values[0]!.amount;
const SHARD_BYTES = KINESIS.shardWriteBytes.values[0]!.amount;

/** What the summary reads from a producer's metrics (see ProducerMetrics in producer.ts). */
interface ProducerFigures {
  name: string;
  stream: string;
  api: string;
  userRecords: { produced: number; accepted: number; givenUp: number; rejected: number; pending: number };
  kinesisRecords: { sent: number; accepted: number; throttled: number };
  retries: number;
  bytesAccepted: number;
  aggregation: { aggregates: number; recordsPerAggregate: number };
  latencyMs: { p50: number; p99: number; max: number; count: number };
}

/** What it reads from a consumer's metrics (DeliveryMetrics plus identity). */
interface ConsumerFigures {
  name: string;
  stream: string;
  kind: string;
  records: number;
  userRecords: number;
  bytes: number;
  latencyMs: { p50: number; p99: number; count: number };
  maxIteratorAgeMs: number;
  duplicates: number;
  orderingViolations: number;
  getRecordsCalls: number;
  readThrottled: number;
  subscribeToShardCalls: number;
  // KCL
  workers?: number;
  leasesPerWorker?: number[];
  checkpoints?: number;
  reprocessed?: number;
  leaseTakeovers?: number;
  // Lambda
  invocations?: number;
  errors?: number;
  retries?: number;
  bisections?: number;
  discarded?: { batches: number; records: number };
  sentToOnFailure?: { destination: string | null; batches: number; records: number };
  concurrency?: number;
}

export function renderSummary(doc: MetricsDocument): string {
  const out: string[] = [];
  out.push(`Scenario ${doc.scenario} · seed ${doc.seed} · ${duration(doc.durationMs)} simulated · ${count(doc.events)} events`);
  for (const [name, stream] of Object.entries(doc.streams)) out.push('', ...streamSection(name, stream, doc.durationMs));
  const producers = Object.values(doc.producers) as ProducerFigures[];
  if (producers.length) out.push('', 'Producers', ...producers.flatMap(producerLines));
  const consumers = Object.values(doc.consumers) as ConsumerFigures[];
  if (consumers.length) out.push('', 'Consumers', ...consumers.flatMap(consumerLines));
  if (doc.sqs) out.push('', ...sqsLines(doc.sqs as SqsMetrics));
  if (doc.firehose) out.push('', ...firehoseLines(doc.firehose as FirehoseMetrics));
  if (doc.iot) out.push('', ...iotLines(doc.iot as IotMetrics));
  if (doc.actions.length) out.push('', 'Actions', ...doc.actions.flatMap(actionLines));
  return `${out.join('\n')}\n`;
}

// --- streams ---------------------------------------------------------------------------------

function streamSection(name: string, s: StreamMetrics, durationMs: number): string[] {
  const lines: string[] = [];
  lines.push(`Stream ${name} · ${s.mode} · ${s.openShards} open of ${s.totalShards} shards · retention ${count(s.retentionHours)} h`);
  const attempted = s.recordsIn + s.writeThrottled;
  const share = s.writeThrottled === 0 ? '' : ` (${percent(s.writeThrottled / attempted)} of attempts)`;
  lines.push(...wrap(`in ${plural(s.recordsIn, 'record')} (${plural(s.userRecordsIn, 'user record')}), ${mib(s.bytesIn).replace(' ', NBSP)} · throttled${NBSP}writes${NBSP}${count(s.writeThrottled)}${share.replace(/ /g, NBSP)} · expired${NBSP}${count(s.expiredRecords)} · GetRecords ${plural(s.getRecordsCalls, 'call')}, ${fig(s.readThrottled, 'throttled')}`, 2));
  if (s.onDemandCapacity) {
    lines.push(`  on-demand write capacity now ${mibRate(s.onDemandCapacity.bytesPerSecond)}, ${count(Math.round(s.onDemandCapacity.recordsPerSecond))} records/s`);
  }
  for (const r of s.reshards) lines.push(`  reshard at ${duration(r.atMs)}: ${r.kind}, ${r.from} → ${r.to} open shards`);
  lines.push('', ...shardChart(s, durationMs));
  lines.push('', ...timeline('Records in per second', s.series.recordsInPerSecond, 'records'));
  lines.push('', ...timeline('Throttled writes per second', s.series.writeThrottledPerSecond, 'records'));
  return lines;
}

function activeSeconds(shard: ShardMetrics, durationMs: number): number {
  return Math.max(0.001, ((shard.closedAtMs ?? durationMs) - shard.openedAtMs) / 1000);
}

/**
 * Two bars per shard, as fractions of the shard limits so both share one scale: records/s
 * (accepted █, refused ░) and MiB/s. The │ column is the limit.
 */
function shardChart(s: StreamMetrics, durationMs: number): string[] {
  const rows = Object.entries(s.shards).map(([id, shard]) => {
    const secs = activeSeconds(shard, durationMs);
    return { id, shard, records: shard.recordsIn / secs, throttled: shard.writeThrottled / secs, bytes: shard.bytesIn / secs };
  });
  const busiest = [...rows].sort((a, b) => b.records + b.throttled - (a.records + a.throttled) || (a.id < b.id ? -1 : 1)).slice(0, MAX_SHARDS);
  const shown = rows.filter((r) => busiest.includes(r));
  const onDemand = s.mode === 'ON_DEMAND';
  const peak = Math.max(onDemand ? 0.01 : 1, ...shown.map((r) => Math.max((r.records + r.throttled) / SHARD_RECORDS, r.bytes / SHARD_BYTES)));
  // The limit sits three quarters across unless some shard is asked for more than 4/3 of it.
  // On-demand shards have no limit of their own (capacity is the stream's): the bars fill the width.
  const scale = onDemand ? peak : Math.max(4 / 3, peak);
  const limitCol = onDemand ? -1 : Math.min(BAR - 1, Math.round(BAR / scale));
  const cols = (fraction: number) => Math.round((fraction / scale) * BAR);
  const lines = onDemand
    ? ['  Writes per shard, average while open (on-demand: capacity is the stream’s)']
    : [`  Writes per shard, average while open (│ = limit ${count(SHARD_RECORDS)} records/s, ${mibRate(SHARD_BYTES)})`];
  for (const r of shown) {
    const state = r.shard.open ? `opened ${duration(r.shard.openedAtMs)}` : `closed ${duration(r.shard.closedAtMs ?? 0)}`;
    lines.push(`  ${r.id}  ${r.shard.parents.length ? `from ${r.shard.parents.map(shortShard).join('+')} · ` : ''}${state}`);
    const accepted = cols(r.records / SHARD_RECORDS);
    const refused = cols((r.records + r.throttled) / SHARD_RECORDS) - accepted;
    const refusedText = r.throttled > 0 ? ` +${count(Math.round(r.throttled))} refused` : '';
    lines.push(`    records/s ${bar(accepted, refused, limitCol)} ${count(Math.round(r.records))}${refusedText}`);
    lines.push(`    MiB/s     ${bar(cols(r.bytes / SHARD_BYTES), 0, limitCol)} ${(r.bytes / MiB).toFixed(2)}`);
  }
  if (rows.length > shown.length) lines.push(`  … ${rows.length - shown.length} quieter shards not shown (see --json)`);
  return lines;
}

function bar(filled: number, refused: number, limitCol: number): string {
  let text = '';
  for (let i = 0; i < BAR; i++) {
    if (i === limitCol) text += '│';
    else if (i < filled) text += '█';
    else if (i < filled + refused) text += '░';
    else text += ' ';
  }
  return text;
}

const SPARKS = ' ▁▂▃▄▅▆▇█';

/** One character per second (or per few seconds for long runs), scaled to the busiest column. */
function timeline(title: string, perSecond: readonly number[], noun: string): string[] {
  const total = perSecond.reduce((a, b) => a + b, 0);
  if (total === 0) return [`  ${title}: none`];
  const step = Math.max(1, Math.ceil(perSecond.length / SPARK_WIDTH));
  const buckets: number[] = [];
  for (let i = 0; i < perSecond.length; i += step) buckets.push(perSecond.slice(i, i + step).reduce((a, b) => a + b, 0) / step);
  const peak = Math.max(...perSecond);
  const top = Math.max(...buckets);
  const spark = buckets.map((v) => (v <= 0 ? SPARKS[0] : SPARKS[Math.max(1, Math.round((v / top) * 8))])).join('');
  const per = step === 1 ? '1 s per column' : `${step} s per column, averaged`;
  const end = `${perSecond.length}s`;
  const width = Math.max(spark.length, per.length + 10);
  const gap = width - 2 - end.length - per.length;
  const axis = `0s${' '.repeat(Math.max(1, Math.floor(gap / 2)))}${per}${' '.repeat(Math.max(1, Math.ceil(gap / 2)))}${end}`;
  return [`  ${title}: peak ${count(peak)}/s, total ${count(total)} ${noun}`, `  ${spark}`, `  ${axis}`];
}

// --- producers and consumers -----------------------------------------------------------------

function producerLines(p: ProducerFigures): string[] {
  const u = p.userRecords;
  const k = p.kinesisRecords;
  const lines = [`  ${p.name} → ${p.stream} (${p.api})`];
  lines.push(...wrap(`user records: ${fig(u.produced, 'produced')}, ${fig(u.accepted, 'accepted')}, ${fig(u.givenUp, 'given up')}, ${fig(u.rejected, 'rejected')}, ${fig(u.pending, 'pending')}`, 4));
  const agg = p.aggregation.aggregates > 0 ? ` · ${fig(p.aggregation.recordsPerAggregate, 'user records per aggregate')}` : '';
  lines.push(...wrap(`Kinesis records: ${fig(k.sent, 'sent')}, ${fig(k.accepted, 'accepted')}, ${fig(k.throttled, 'throttled')}, ${fig(p.retries, 'retries')}${agg}`, 4));
  if (p.latencyMs.count > 0) lines.push(`    latency to acceptance: p50 ${ms(p.latencyMs.p50)}, p99 ${ms(p.latencyMs.p99)}, max ${ms(p.latencyMs.max)}`);
  return lines;
}

function consumerLines(c: ConsumerFigures): string[] {
  const lines = [`  ${c.name} (${c.kind}) ← ${c.stream}`];
  lines.push(...wrap(`delivered ${plural(c.records, 'record')} (${plural(c.userRecords, 'user record')}, ${mib(c.bytes).replace(' ', NBSP)}) · max${NBSP}iterator${NBSP}age${NBSP}${ms(c.maxIteratorAgeMs).replace(' ', NBSP)}`, 4));
  const latency = c.latencyMs.count > 0 ? `latency p50${NBSP}${ms(c.latencyMs.p50).replace(' ', NBSP)}, p99${NBSP}${ms(c.latencyMs.p99).replace(' ', NBSP)}` : 'latency: nothing delivered';
  lines.push(...wrap(`${latency} · ${fig(c.duplicates, 'duplicates')} · ${fig(c.orderingViolations, 'ordering violations')}`, 4));
  const reads = [];
  if (c.getRecordsCalls > 0) reads.push(`GetRecords ${plural(c.getRecordsCalls, 'call')}, ${fig(c.readThrottled, 'throttled')}`);
  if (c.subscribeToShardCalls > 0) reads.push(`SubscribeToShard ${plural(c.subscribeToShardCalls, 'call')}`);
  if (reads.length) lines.push(...wrap(reads.join(' · '), 4));
  if (c.kind === 'kcl' && c.leasesPerWorker) {
    lines.push(...wrap(`KCL: ${fig(c.workers ?? 0, 'workers')}, leases${NBSP}per${NBSP}worker${NBSP}[${c.leasesPerWorker.join(',')}] · ${fig(c.checkpoints ?? 0, 'checkpoints')} · ${fig(c.reprocessed ?? 0, 'reprocessed')} · ${fig(c.leaseTakeovers ?? 0, 'lease takeovers')}`, 4));
  }
  if (c.kind === 'lambda' && c.invocations !== undefined) {
    const discarded = c.discarded ?? { batches: 0, records: 0 };
    const destination = c.sentToOnFailure?.destination ? ` (to${NBSP}${c.sentToOnFailure.destination})` : '';
    lines.push(...wrap(`Lambda: ${fig(c.invocations, 'invocations')}, ${fig(c.errors ?? 0, 'errors')}, ${fig(c.retries ?? 0, 'retries')}, ${fig(c.bisections ?? 0, 'bisections')} · discarded ${plural(discarded.batches, 'batch').replace(/batchs$/, 'batches')} (${plural(discarded.records, 'record')})${destination} · ${fig(c.concurrency ?? 0, 'concurrent at most')}`, 4));
  }
  return lines;
}

// --- SQS -------------------------------------------------------------------------------------

/** Per queue its traffic, duplicates, backlog and DLQ moves; per producer and worker pool its figures. */
function sqsLines(sqs: SqsMetrics): string[] {
  const lines = ['SQS'];
  for (const [name, q] of Object.entries(sqs.queues)) {
    lines.push(`  Queue ${name} (${q.type})`);
    const dedup = q.type === 'fifo' ? ` · ${fig(q.deduplicated, 'deduplicated')} · ${fig(q.sendThrottled, 'throttled sends')}` : '';
    lines.push(...wrap(`${fig(q.sent, 'sent')}${q.movedIn ? ` (+${fig(q.movedIn, 'moved in')})` : ''} · ${fig(q.received, 'received')} · ${fig(q.deleted, 'deleted')}${dedup}`, 4));
    lines.push(...wrap(`${fig(q.deliveredMoreThanOnce, 'delivered more than once')} (${fig(q.duplicatesDelivered, 'extra deliveries')}) · ${fig(q.movedToDlq, 'to DLQ')} · ${fig(q.expired, 'expired')}${q.redriven ? ` · ${fig(q.redriven, 'redriven')}` : ''}`, 4));
    lines.push(...wrap(`now ${fig(q.visible, 'visible')}, ${fig(q.inFlight.now, 'in flight')} (max${NBSP}${count(q.inFlight.max)}), ${fig(q.delayed, 'delayed')} · oldest${NBSP}message${NBSP}${ms(q.oldestMessageAgeMs).replace(' ', NBSP)} · ${fig(q.emptyReceives, 'empty receives')}`, 4));
    if (q.received > 0) lines.push(...gaugeTimeline('In flight, most in each second', q.series.inFlightMaxPerSecond).map((l) => `  ${l}`));
  }
  for (const p of Object.values(sqs.producers)) {
    lines.push(`  Producer ${p.name} → ${p.queue}`);
    lines.push(...wrap(`${fig(p.produced, 'produced')}, ${fig(p.sent, 'sent')}, ${fig(p.deduplicated, 'deduplicated')}, ${fig(p.throttled, 'throttled')}, ${fig(p.givenUp, 'given up')}, ${fig(p.rejected, 'rejected')}, ${fig(p.pending, 'pending')} · ${plural(p.calls, 'call')}`, 4));
  }
  for (const c of Object.values(sqs.consumers)) {
    lines.push(`  Workers ${c.name} ← ${c.queue} (${plural(c.workers, 'worker')})`);
    lines.push(...wrap(`${fig(c.processed, 'processed')}, ${fig(c.failed, 'failed')}, ${fig(c.processedTwice, 'processed twice')}${c.duplicatesSkipped ? `, ${fig(c.duplicatesSkipped, 'duplicates skipped')}` : ''} · ${fig(c.staleDeletes, 'stale deletes')}`, 4));
    const errors = Object.entries(c.errors).map(([code, n]) => `${code}${NBSP}${count(n)}`);
    if (errors.length) lines.push(...wrap(`errors: ${errors.join(', ')}`, 4));
    if (c.latencyMs.count > 0) lines.push(...wrap(`send to delete: p50${NBSP}${ms(c.latencyMs.p50).replace(' ', NBSP)}, p99${NBSP}${ms(c.latencyMs.p99).replace(' ', NBSP)}, max${NBSP}${ms(c.latencyMs.max).replace(' ', NBSP)}`, 4));
  }
  const f = sqs.lambdaFailureRecords;
  if (f.delivered + f.undeliverable > 0) lines.push(...wrap(`Lambda on-failure records: ${fig(f.delivered, 'delivered')}, ${fig(f.undeliverable, 'undeliverable')}`, 2));
  for (const t of sqs.moveTasks) lines.push(...wrap(`Move task from ${t.sourceArn.split(':').pop()} at ${duration(t.startedAtMs)}: ${t.status}, ${count(t.moved)} of ${count(t.toMove)} moved`, 2));
  return lines;
}

/** A sparkline of a per-second maximum (a gauge): its peak, not a total. */
function gaugeTimeline(title: string, values: readonly number[]): string[] {
  const t = timeline(title, values, '');
  return t.length < 3 ? t : [`  ${title}: peak ${count(Math.max(...values))}`, t[1]!, t[2]!];
}

// --- Firehose --------------------------------------------------------------------------------

const DESTINATION_NAMES: Record<string, string> = { s3: 'S3', http: 'HTTP endpoint', opensearch: 'OpenSearch', splunk: 'Splunk', redshift: 'Redshift' };

/** Per delivery stream: in, delivered (stored against raw bytes), flushes, transform, errors, retries; then its producers. */
function firehoseLines(m: FirehoseMetrics): string[] {
  const lines = ['Firehose'];
  for (const [name, s] of Object.entries(m.deliveryStreams)) {
    const source = s.kinesisSource ? `Kinesis stream ${s.kinesisSource.stream}` : 'Direct PUT';
    const compression = s.compression === 'none' ? 'uncompressed' : s.compression.toUpperCase();
    const state = s.status === 'ACTIVE' ? '' : ` · ${s.status}`;
    lines.push(...wrap(`Stream ${name} · ${source} → ${DESTINATION_NAMES[s.destination] ?? s.destination} ${s.bucket} · ${compression} · ${mib(s.buffer.size).replace(' ', NBSP)}${NBSP}or${NBSP}${duration(s.buffer.intervalMs).replace(' ', NBSP)}${state}`, 2));
    const throttled = s.kinesisSource ? '' : ` · ${fig(s.putThrottled, 'throttled puts')}`;
    lines.push(...wrap(`in ${plural(s.recordsIn, 'record')} (${mib(s.bytesIn).replace(' ', NBSP)})${throttled} · delivered ${plural(s.recordsDelivered, 'record')} in ${plural(s.objectsDelivered, s.destination === 's3' ? 'object' : 'batch')}`, 4));
    const ratio = s.bytesDelivered > 0 && s.rawBytesDelivered !== s.bytesDelivered ? ` (${(s.rawBytesDelivered / s.bytesDelivered).toFixed(1)}×${NBSP}smaller)` : '';
    lines.push(...wrap(`${mib(s.bytesDelivered).replace(' ', NBSP)} stored from ${mib(s.rawBytesDelivered).replace(' ', NBSP)}${ratio} · flushes ${fig(s.flushes.bySize, 'by size')}, ${fig(s.flushes.byInterval, 'by interval')}`, 4));
    const l = s.deliveryLatencyMs;
    if (l.count > 0) lines.push(...wrap(`oldest record to object: p50${NBSP}${ms(l.p50).replace(' ', NBSP)}, p99${NBSP}${ms(l.p99).replace(' ', NBSP)}, max${NBSP}${ms(l.max).replace(' ', NBSP)} · freshness${NBSP}at${NBSP}worst${NBSP}${ms(s.dataFreshnessMs).replace(' ', NBSP)}`, 4));
    const t = s.transform;
    if (t.invocations > 0) lines.push(...wrap(`transform: ${plural(t.invocations, 'invocation')} · ${fig(t.ok, 'Ok')}, ${fig(t.dropped, 'Dropped')}, ${fig(t.processingFailed, 'ProcessingFailed')}`, 4));
    if (s.activePartitions > 0) lines.push(...wrap(`partitions: ${fig(s.activePartitions, 'active at most')} · ${fig(s.partitionsExceeded, 'records over the limit')}`, 4));
    const errors = Object.entries(s.errorOutput.records).map(([type, n]) => `${type}${NBSP}${count(n)}`);
    if (s.errorOutput.objects > 0) lines.push(...wrap(`error output: ${plural(s.errorOutput.objects, 'object')} · ${errors.join(', ')}`, 4));
    lines.push(...wrap(`${fig(s.retries, 'retries')} · ${fig(s.backedUp, 'backed up')} · ${fig(s.lost, 'lost')} · ${fig(s.pending, 'pending')} at the end${s.discarded ? ` · ${fig(s.discarded, 'discarded')}` : ''}`, 4));
    const k = s.kinesisSource;
    if (k) lines.push(...wrap(`reads: GetRecords ${plural(k.getRecordsCalls, 'call')}, ${fig(k.readThrottled, 'throttled')} · max${NBSP}iterator${NBSP}age${NBSP}${ms(k.maxIteratorAgeMs).replace(' ', NBSP)}`, 4));
    if (s.recordsDelivered > 0) lines.push(...timeline('Bytes delivered per second', s.series.bytesDeliveredPerSecond, 'bytes').map((line) => `  ${line}`));
  }
  for (const p of Object.values(m.producers)) {
    const r = p.records;
    lines.push(`  Producer ${p.name} → ${p.deliveryStream} (${p.api})`);
    lines.push(...wrap(`${fig(r.produced, 'produced')}, ${fig(r.accepted, 'accepted')}, ${fig(p.throttled, 'throttled')}, ${fig(r.givenUp, 'given up')}, ${fig(r.rejected, 'rejected')}, ${fig(r.pending, 'pending')} · ${plural(p.calls.total, 'call')}`, 4));
  }
  return lines;
}

// --- IoT Core --------------------------------------------------------------------------------

/** Broker totals and rejections, then per device group, subscriber, rule, function and shadow. */
function iotLines(m: IotMetrics): string[] {
  const lines = ['IoT Core'];
  const r = m.rejected;
  const rejected = r.payloadTooLarge + r.topicInvalid + r.qos2 + r.denied;
  lines.push(`  messages: ${count(m.published)} published, ${count(m.accepted)} accepted, ${count(rejected)} rejected`);
  if (rejected > 0) lines.push(...wrap(`rejected: payload${NBSP}too${NBSP}large${NBSP}${count(r.payloadTooLarge)} · topic${NBSP}invalid${NBSP}${count(r.topicInvalid)} · QoS${NBSP}2${NBSP}${count(r.qos2)} · denied${NBSP}${count(r.denied)}`, 4));
  const ingest = `Basic${NBSP}Ingest${NBSP}${count(m.basicIngest.accepted)}${m.basicIngest.noSuchRule ? ` (${fig(m.basicIngest.noSuchRule, 'to no rule')})` : ''}`;
  const shadows = m.shadowRequests ? ` · ${plural(m.shadowRequests, 'shadow request')}` : '';
  lines.push(...wrap(`billable ${count(m.billableMessages)} (${fig(m.billing.published, 'published')}, ${fig(m.billing.delivered, 'delivered')}, in 5${NBSP}KB${NBSP}units) · ${ingest}${shadows}`, 4));
  for (const [name, g] of Object.entries(m.devices)) {
    lines.push(...wrap(`Devices ${name}: ${plural(g.devices, 'device')} at ${count(g.rate)}/s each → ${g.topic}`, 2));
    const refused = g.connectDenied ? ` · ${fig(g.connectDenied, 'refused connection')}` : '';
    const via = g.basicIngest ? ` · through${NBSP}Basic${NBSP}Ingest${NBSP}to${NBSP}rule${NBSP}${g.basicIngest}` : '';
    lines.push(...wrap(`${fig(g.published, 'published')}, ${fig(g.accepted, 'accepted')}, ${fig(g.rejected, 'rejected')}${refused}${via}`, 4));
  }
  for (const [name, sub] of Object.entries(m.subscribers)) {
    lines.push(...wrap(`Subscriber ${name} (${sub.filter})`, 2));
    const retained = sub.retained ? ` (${fig(sub.retained, 'retained')})` : '';
    const withheld = sub.receiveDenied ? ` · ${fig(sub.receiveDenied, 'withheld by policy')}` : '';
    lines.push(...wrap(sub.subscribed ? `${fig(sub.received, 'received')}${retained}${withheld}` : `not subscribed: ${sub.refused ?? 'not yet'}`, 4));
  }
  for (const [name, rule] of Object.entries(m.rules)) {
    lines.push(`  Rule ${name}${rule.enabled ? '' : ' (disabled)'}`, ...wrap(rule.sql, 4));
    lines.push(...wrap(`${fig(rule.evaluated, 'evaluated')}, ${fig(rule.matched, 'matched')}, ${fig(rule.notMatched, 'not matched')}`, 4));
    const actions = Object.entries(rule.actions).map(([type, a]) => `${type}${NBSP}${count(a!.invoked)}${NBSP}invoked,${NBSP}${count(a!.failed)}${NBSP}failed`);
    const e = rule.errorAction;
    if (e) actions.push(`error${NBSP}action${NBSP}(${e.type})${NBSP}${count(e.invoked)}${NBSP}invoked${e.failed ? `,${NBSP}${count(e.failed)}${NBSP}failed` : ''}`);
    if (actions.length) lines.push(...wrap(actions.join(' · '), 4));
  }
  for (const [name, f] of Object.entries(m.functions)) {
    lines.push(`  Function ${name}`);
    lines.push(...wrap(`${plural(f.invocations, 'invocation')}, ${ms(f.durationMs).replace(' ', NBSP)}${NBSP}in${NBSP}all, ${fig(f.maxConcurrency, 'at once at most')}`, 4));
  }
  for (const [key, sh] of Object.entries(m.shadows)) {
    lines.push(`  Shadow ${key}: version ${count(sh.version)}${sh.exists ? '' : ' (deleted)'}`);
    lines.push(...wrap(`${plural(sh.updates, 'update')}, ${fig(sh.rejected, 'rejected')} (${plural(sh.conflicts, 'version conflict')}), ${plural(sh.deltas, 'delta')}`, 4));
  }
  return lines;
}

// --- actions ---------------------------------------------------------------------------------

function actionLines(a: ActionResult): string[] {
  const when = duration(a.atMs).padEnd(7);
  const lines = wrap(a.command, 10).map((l, i) => (i === 0 ? `  ${when} ${l.slice(10)}` : l));
  if (!a.ok) lines.push(...wrap(a.error ?? 'failed', 10));
  else if (a.output === null || a.output === undefined) lines.push(`          ok`);
  else {
    const json = JSON.stringify(a.output);
    const room = WIDTH - 14;
    lines.push(`          ok ${json.length <= room ? json : `${json.slice(0, room - 1)}…`}`);
  }
  return lines;
}

// --- formatting ------------------------------------------------------------------------------

function wrap(text: string, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent + line.length + 1 + word.length > WIDTH) {
      lines.push(pad + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(pad + line);
  // A single word longer than the line (a long ARN) is cut rather than allowed to overflow.
  return lines.map((l) => (l.length > WIDTH ? `${l.slice(0, WIDTH - 1)}…` : l).replaceAll(NBSP, ' '));
}

function shortShard(id: string): string {
  return id.replace(/^shardId-0*(?=\d)/, '#');
}

/** Thousands separators without the locale (output must not depend on the machine). */
export function count(n: number): string {
  const [int, frac] = String(n).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

function plural(n: number, word: string): string {
  return `${count(n)}${NBSP}${word}${n === 1 ? '' : 's'}`;
}

/** A figure and its noun, kept on one line when a sentence wraps. */
function fig(n: number, words: string): string {
  return `${count(n)}${NBSP}${words.replace(/ /g, NBSP)}`;
}

function percent(x: number): string {
  return `${(x * 100).toFixed(x < 0.001 ? 2 : 1)}%`;
}

/** Fixed decimals with thousands separators: 1,095.7. */
function fixed(n: number, digits: number): string {
  const [int, frac] = n.toFixed(digits).split('.');
  return frac === undefined ? count(Number(int)) : `${count(Number(int))}.${frac}`;
}

function mib(bytes: number): string {
  return bytes >= MiB ? `${fixed(bytes / MiB, 1)} MiB` : bytes >= 1024 ? `${fixed(bytes / 1024, 1)} KiB` : `${bytes} B`;
}

function mibRate(bytesPerSecond: number): string {
  return `${count(Number((bytesPerSecond / MiB).toFixed(2)))} MiB/s`;
}

function ms(value: number): string {
  if (value < 1000) return `${Math.round(value)} ms`;
  if (value < 60_000) return `${(value / 1000).toFixed(value < 10_000 ? 2 : 1)} s`;
  return `${(value / 60_000).toFixed(1)} min`;
}

function duration(valueMs: number): string {
  if (valueMs % 1000 !== 0) return `${count(valueMs)} ms`;
  const s = valueMs / 1000;
  if (s < 120 || s % 60 !== 0) return `${count(s)} s`;
  return s % 3600 === 0 ? `${count(s / 3600)} h` : `${count(s / 60)} min`;
}
