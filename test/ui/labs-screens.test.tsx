import { join } from 'node:path';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLabFile } from '../../src/labs/load.js';
import type { LabReport, LabRequest } from '../../src/labs/protocol.js';
import type { RunProgress } from '../../src/sim/scenario/progress.js';
import { App } from '../../src/ui/app.js';
import { createRouter, screens } from '../../src/ui/screens/registry.js';
import type { TaskPort } from '../../src/ui/tasks.js';
import { fixtureIndex } from './fixtures.js';
import { bytes, press, waitFor } from './helpers.js';

// The Labs list and a settings lab through the whole app, with a `labs` port that answers from
// memory: the test decides when the run reports progress and when it finishes, so the dashboard
// and the result are each seen without depending on how fast anything runs.

afterEach(() => {
  cleanup();
});

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'labs');
const rightSize = loadLabFile(join(fixtures, 'right-size.md'), 'right-size.md').lab!;
const split = loadLabFile(join(fixtures, 'split-hot-shard.md'), 'split-hot-shard.md').lab!;

const frame = (app: { lastFrame: () => string | undefined }) => app.lastFrame() ?? '';

async function shows(app: { lastFrame: () => string | undefined }, ...needles: (string | RegExp)[]): Promise<string> {
  await waitFor(() => {
    for (const n of needles) expect(frame(app)).toMatch(n);
  });
  return frame(app);
}

/** A port that lists two labs, opens them with empty drafts, keeps what is saved and holds runs until told. */
function fakeLabs() {
  const requests: LabRequest[] = [];
  const runs: { request: Extract<LabRequest, { kind: 'run' }>; deliver: (r: LabReport) => void }[] = [];
  const port: TaskPort = (raw, deliverAny) => {
    const request = raw as LabRequest;
    const deliver = deliverAny as (r: LabReport) => void;
    requests.push(request);
    if (request.kind === 'list') deliver({ type: 'listed', labs: [{ file: 'right-size.md', lab: rightSize }, { file: 'split-hot-shard.md', lab: split }], best: [] });
    if (request.kind === 'open') deliver({ type: 'opened', lab: request.lab.id, draft: { hintsShown: 0, commands: [], settings: {} }, codeFile: null, best: null });
    if (request.kind === 'run') runs.push({ request, deliver });
    return undefined;
  };
  return { port, requests, runs };
}

const progress: RunProgress = {
  atMs: 10_000,
  durationMs: 20_000,
  shards: [0, 1, 2].map((n) => ({ stream: 'orders', shard: `shardId-00000000000${n}`, open: true, recordsPerSecond: 1000 - n * 10, bytesPerSecond: 1_000_000, readBytesPerSecond: 0, throttled: 0 })),
  limits: { recordsPerSecond: 1000, bytesPerSecond: 1048576, readBytesPerSecond: 2097152 },
  sharedReads: false,
  writeThrottled: 0,
  readThrottled: 0,
  iteratorAgeMs: null,
  queueDepth: null,
  events: 100,
};

describe('Labs screens in the app', () => {
  it('opens the list, a settings lab, types a setting, runs it through the port and shows the score', async () => {
    const labs = fakeLabs();
    const app = render(<App router={createRouter(fixtureIndex(), '1.0.0', screens)} color={false} ports={{ labs: labs.port }} />);
    const home = await shows(app, /\d {2}Labs/);
    await press(app.stdin, /(\d) {2}Labs/.exec(home)![1]!);

    // The list: both labs, neither tried, the first one's details under it.
    await shows(app, 'shardlab › Labs', rightSize.title, split.title, 'not tried', /right-size · solved by: choose settings/);
    await press(app.stdin, bytes.enter);
    await shows(app, /4 Settings/, 'Story');

    // The form: Shards starts at 1; Enter, 3, Enter sets it to 3, and the draft is saved.
    await press(app.stdin, '4');
    await shows(app, /› ?Shards\s+‹ 1\s*›\s+1 – 16/, 'Open shards when the stream is created');
    await press(app.stdin, bytes.enter);
    await shows(app, 'Type a whole number; Enter sets it, Esc cancels');
    await press(app.stdin, '4', '0', bytes.enter);
    await shows(app, '✗ must be a whole number from 1 to 16; got 40', 'Esc keeps 1');
    await press(app.stdin, bytes.backspace, bytes.backspace, '3', bytes.enter);
    await shows(app, /Shards\s+‹ 3\s*›/);
    expect(frame(app)).not.toContain('✗');
    expect(labs.requests).toContainEqual({ kind: 'save', lab: 'right-size', draft: { hintsShown: 0, commands: [], settings: { shards: 3, api: 'PutRecords' } } });

    // r runs with the typed value; the port reports progress, then the result.
    await press(app.stdin, 'r');
    await waitFor(() => expect(labs.runs).toHaveLength(1));
    const run = labs.runs[0]!;
    expect(run.request).toMatchObject({ kind: 'run', runId: 1, lab: rightSize, language: 'yaml', file: 'settings' });
    expect(run.request.text).toContain('shards: 3');
    await shows(app, 'Running in virtual time', 'starting');
    run.deliver({ type: 'runProgress', runId: 1, progress });
    await shows(app, '50% · 10/20 s', 'orders #0', 'orders #2', 'Write throttles 0');
    const result = {
      lab: 'right-size',
      score: 100,
      maxScore: 100,
      passed: true,
      checks: [
        { id: 'no-throttling', passed: true, points: 60, maxPoints: 60, detail: 'No write was throttled.' },
        { id: 'not-oversized', passed: true, points: 40, maxPoints: 40, detail: '3 shards for 3,000 records/s.' },
      ],
      metrics: null,
    };
    run.deliver({ type: 'runDone', runId: 1, outcome: { ok: true, result }, best: { score: 100, maxScore: 100, passed: true, at: 1, runs: 1 } });
    await shows(app, 'shardlab › Labs › Right-size', 'Score 100/100', 'passed', 'best 100/100 ✓', '✓ no-throttling 60/60 No write was throttled.', '✓ not-oversized 40/40');

    // Esc goes back to the form with the value still there.
    await press(app.stdin, bytes.escape);
    await shows(app, /Shards\s+‹ 3\s*›/, 'best 100/100 ✓');
  });
});
