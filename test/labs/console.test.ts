import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCompletion, commonPrefix, LabConsole } from '../../src/labs/console.js';
import { loadLabFile } from '../../src/labs/load.js';

const lab = loadLabFile(join(import.meta.dirname, '..', 'fixtures', 'labs', 'split-hot-shard.md'), 'split-hot-shard.md').lab!;

describe('the lab console', () => {
  const console_ = new LabConsole(lab);

  it("answers each line in AWS's words against the scenario's own stream", () => {
    const [list, bad, typo] = console_.answerNow(['aws kinesis list-shards --stream-name events', 'aws kinesis list-shards --stream-name nope', 'aws kinesis list-shard --stream-name events']);
    expect(list!.ok).toBe(true);
    expect(list!.kind).toBe('response');
    expect(JSON.parse(list!.text).Shards[0].ShardId).toBe('shardId-000000000000');
    expect(bad).toMatchObject({ ok: false, kind: 'aws-error' });
    expect(bad!.text).toMatch(/^An error occurred \(ResourceNotFoundException\) when calling the ListShards operation: /);
    expect(typo).toMatchObject({ ok: false, kind: 'usage' });
    expect(typo!.text).toMatch(/Invalid choice/);
  });

  it('runs timed lines at their virtual time, after the untimed ones, and refuses a time past the end', async () => {
    const split = 'aws kinesis split-shard --stream-name events --shard-to-split shardId-000000000000 --new-starting-hash-key 85070591730234615865843651857942052864';
    const lines = [`at 5s: ${split}`, 'aws kinesis describe-stream-summary --stream-name events', 'at 10h: aws kinesis list-shards --stream-name events', `at 6s: ${split}`];
    const now = console_.answerNow(lines);
    // Before the preview has played the traffic, a timed line says when it runs and nothing more.
    expect(now[0]).toMatchObject({ ok: true, kind: 'later', atMs: 5000 });
    expect(now[0]!.text).toMatch(/^runs at 5 s/);
    expect(now[1]).toMatchObject({ ok: true, kind: 'response' });
    const answers = (await console_.preview(lines))!;
    expect(answers[0]).toMatchObject({ ok: true, kind: 'response', atMs: 5000 });
    expect(JSON.parse(answers[1]!.text).StreamDescriptionSummary.OpenShardCount).toBe(2);
    expect(answers[2]).toMatchObject({ ok: false, kind: 'not-run' });
    // One second later the first split is still in progress: AWS refuses a second one.
    expect(answers[3]).toMatchObject({ ok: false, kind: 'aws-error', atMs: 6000 });
    expect(answers[3]!.text).toMatch(/ResourceInUseException/);
  });

  it('a cancelled preview resolves to null', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await console_.preview(['at 5s: aws kinesis list-shards --stream-name events'], { signal: controller.signal })).toBeNull();
  });

  it('shows help without running anything', () => {
    const [help] = console_.answerNow(['help']);
    expect(help).toMatchObject({ ok: true, kind: 'help' });
    expect(help!.text).toMatch(/kinesis/);
  });

  it('completes commands and flags, also after an `at` prefix', () => {
    expect(console_.complete('aws kinesis split-').candidates).toEqual(['split-shard']);
    expect(applyCompletion('aws kinesis split-', console_.complete('aws kinesis split-'))).toEqual({ line: 'aws kinesis split-shard ', cursor: 24 });
    const flags = console_.complete('at 5s: aws kinesis split-shard --s');
    expect(flags.candidates).toEqual(expect.arrayContaining(['--stream-name', '--shard-to-split']));
    expect(flags.from).toBe('at 5s: aws kinesis split-shard '.length);
    expect(applyCompletion('at 5s: aws kinesis split-shard --s', flags).line).toBe('at 5s: aws kinesis split-shard --s');
    expect(console_.complete('aws kinesis list-shards --stream-name ').candidates).toEqual(['events']);
  });

  it('fills in the common start of several candidates', () => {
    expect(commonPrefix(['--stream-name', '--stream-arn'])).toBe('--stream-');
    expect(applyCompletion('x --str', { from: 2, to: 7, candidates: ['--stream-name', '--stream-arn'] })).toEqual({ line: 'x --stream-', cursor: 11 });
  });
});
