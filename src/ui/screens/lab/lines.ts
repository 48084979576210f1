import type { RunProgress } from '../../../sim/scenario/progress.js';
import { bodyHeight } from '../../layout.js';
import { renderMarkdown } from '../../markdown/render.js';
import { type Line, type Style, seg } from '../../markdown/types.js';
import { padEnd, truncate, truncateStart } from '../../markdown/width.js';
import { wrap } from '../../markdown/wrap.js';
import { bestText } from '../labs/lines.js';
import { outOf } from '../labs/points.js';
import type { CommandResult } from '../../../labs/run.js';
import { consolePane, hardWrap, outputStatus } from './console-lines.js';
import { inspectLines } from './inspect-lines.js';
import { settingsLines } from './settings-lines.js';
import { type LabState, SECTIONS } from './state.js';

// The lab screen as styled lines: a tab row, then the section, the run's dashboard or the result.

const dim: Style = { dim: true };
const bold: Style = { bold: true };
const TITLES = { story: 'Story', task: 'Task', hints: 'Hints', solve: 'Solve' } as const;
const SOLVE_TITLE = { settings: 'Settings', commands: 'Console', code: 'Code' } as const;
const BLOCKS = ' ▁▂▃▄▅▆▇█';

function para(text: string, width: number, style: Style = {}, indent = ' '): Line[] {
  return text.split('\n').flatMap((p) => wrap([seg(p, style)], { width, first: [seg(indent)], rest: [seg(indent)] }));
}

function fmt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toFixed(1);
}

export function labPath(s: LabState): string[] {
  return ['Labs', s.lab.title, ...(s.view === 'running' ? ['Run'] : s.view === 'results' ? (s.inspect ? ['Result', 'Inspect'] : ['Result']) : [])];
}

function tabs(s: LabState, width: number): Line {
  const out: Line = [seg(' ')];
  SECTIONS.forEach((id, i) => {
    const title = id === 'solve' ? SOLVE_TITLE[s.lab.solve] : id === 'hints' ? `Hints ${s.hintsShown}/${s.lab.hints.length}` : TITLES[id];
    out.push(seg(` ${i + 1} ${title} `, id === s.section ? { inverse: true, bold: true } : dim), seg(' '));
  });
  const right = s.best ? `best ${bestText(s.best)}` : 'not tried';
  const used = out.reduce((a, x) => a + x.text.length, 0);
  if (used + right.length + 1 < width) out.push(seg(' '.repeat(width - used - right.length - 1)), seg(right, dim));
  return out;
}

/**
 * The markdown without the info strings of its fences: Study labels a code block with its
 * language, but in a lab's story a `json` line above a payload reads as part of the text.
 */
export function withoutFenceInfo(text: string): string {
  let open: string | null = null;
  return text
    .split('\n')
    .map((line) => {
      const fence = /^(\s{0,3})(`{3,}|~{3,})(.*)$/.exec(line);
      if (!fence) return line;
      const [, indent, marks, info] = fence as unknown as [string, string, string, string];
      if (open === null) {
        open = marks;
        return `${indent}${marks}`;
      }
      if (marks[0] === open[0] && marks.length >= open.length && info.trim() === '') open = null;
      return line;
    })
    .join('\n');
}

function markdown(text: string, width: number): Line[] {
  return renderMarkdown(withoutFenceInfo(text), { width: width - 1 }).map((l) => [seg(' '), ...l]);
}

function sectionLines(s: LabState, width: number, height: number): Line[] {
  switch (s.section) {
    case 'story':
      return markdown(s.lab.story.markdown, width);
    case 'task':
      return markdown(s.lab.task.markdown, width);
    case 'hints': {
      const shown = s.lab.hints.slice(0, s.hintsShown).flatMap((h, i) => [...para(`${i + 1}. ${h.text}`, width), []]);
      const left = s.lab.hints.length - s.hintsShown;
      return [...shown, [seg(' '), seg(left > 0 ? `${left} more hint${left === 1 ? '' : 's'}: n reveals the next` : s.lab.hints.length ? 'No more hints.' : 'This lab has no hints.', dim)]];
    }
    case 'solve':
      return s.lab.solve === 'settings' ? settingsLines(s, width, height) : s.lab.solve === 'commands' ? consolePane(s, width, height).lines : codeLines(s, width);
  }
}

function codeLines(s: LabState, width: number): Line[] {
  const out: Line[] = [[seg(' '), seg('Your solution file', bold)]];
  out.push([seg('   '), seg(s.codeFile ? truncateStart(s.codeFile, width - 4) : 'reading…', { tone: 'code' })]);
  out.push([], ...para('e opens it in $EDITOR; save it, come back and press r to run the lab with it. It runs in a sandbox with a time and memory limit.', width, dim));
  if (s.lab.hook) out.push([], [seg(' '), seg(truncate(`Hook: ${s.lab.hook.kind}`, width - 1), dim)]);
  const err = s.result?.metrics === null ? s.result : null;
  if (err?.checks.length) out.push([], ...para(`Last run: ${err.checks[0]!.detail}`, width, { tone: 'error' }));
  return out;
}

/** A bar `width` cells long for `value` of `max`, with the limit at `limit`. */
function bar(value: number, limit: number, max: number, width: number): Line {
  const cells = Math.round((Math.min(value, max) / max) * width);
  const limitAt = Math.min(width - 1, Math.round((limit / max) * width));
  const out: Line = [];
  for (let i = 0; i < width; i++) {
    if (i === limitAt) out.push(seg('│', { tone: 'warning', bold: true }));
    else out.push(seg(i < cells ? '█' : '·', i < cells ? (value > limit ? { tone: 'error' } : { tone: 'heading' }) : dim));
  }
  return out;
}

export function sparkline(values: readonly number[], width: number): string {
  const pts = values.slice(-width);
  const max = Math.max(1, ...pts);
  return pts.map((v) => BLOCKS[Math.min(8, Math.round((v / max) * 8))]).join('');
}

function progressLines(s: LabState, width: number, height: number): Line[] {
  const p = s.progress;
  const out: Line[] = [[seg(' '), seg('Running in virtual time…', bold), seg('  Esc cancels', dim)], []];
  if (!p) return [...out, [seg(' '), seg('starting', dim)]];
  const share = Math.min(1, p.atMs / p.durationMs);
  const barW = Math.max(10, width - 26);
  const done = Math.round(share * barW);
  out.push([seg(' '), seg('█'.repeat(done), { tone: 'heading' }), seg('░'.repeat(barW - done), dim), seg(` ${Math.round(share * 100)}% · ${Math.round(p.atMs / 1000)}/${Math.round(p.durationMs / 1000)} s`)]);
  out.push([]);
  out.push(...dashboard(p, s.spark, width, height - out.length));
  return out;
}

function mib(bytes: number): string {
  return (bytes / 1048576).toFixed(1);
}

/**
 * Per-shard bars against the limit line, throttles, and the sparkline: what the run is doing now.
 * When readers poll the stream, each shard's row also draws its reads against the 2 MiB/s the
 * polling readers share; the two bars split the width so a row still fits 80 columns.
 */
export function dashboard(p: RunProgress, spark: readonly number[], width: number, height: number): Line[] {
  const reads = p.sharedReads;
  const label = 14;
  const writeValue = 11;
  const readValue = 6;
  const room = width - 1 - label - writeValue - (reads ? 1 + readValue : 0);
  const writeW = Math.max(8, reads ? Math.floor(room / 2) : room);
  const readW = Math.max(6, room - writeW);
  const limitText = `│ ${fmt(p.limits.recordsPerSecond)}/s`;
  const out: Line[] = reads
    ? [[seg(' '), seg(padEnd('Per shard', label), bold), seg(padEnd(truncate(`Writes, records/s ${limitText}`, writeW + writeValue), writeW + writeValue + 1), bold), seg(truncate(`Reads, MiB/s │ ${mib(p.limits.readBytesPerSecond)}`, readW + readValue), bold)]]
    : [[seg(' '), seg(`Writes per shard, records/s (│ = ${fmt(p.limits.recordsPerSecond)}/s limit)`, bold)]];
  const shardRows = Math.max(1, height - 6);
  const shards = [...p.shards].sort((a, b) => b.recordsPerSecond - a.recordsPerSecond || b.readBytesPerSecond - a.readBytesPerSecond);
  const shown = shards.slice(0, shardRows);
  const max = Math.max(p.limits.recordsPerSecond * 1.25, ...shown.map((x) => x.recordsPerSecond));
  const readMax = Math.max(p.limits.readBytesPerSecond * 1.25, ...shown.map((x) => x.readBytesPerSecond));
  for (const x of shown) {
    const name = `${x.shard.replace('shardId-', '').replace(/^0+(?=\d)/, '#')}`;
    const row: Line = [
      seg(' '),
      seg(padEnd(truncate(`${x.stream} ${name}`, label - 1), label)),
      ...bar(x.recordsPerSecond, p.limits.recordsPerSecond, max, writeW),
      seg(padEnd(` ${fmt(Math.round(x.recordsPerSecond))}${x.throttled ? ` ✗${x.throttled}` : ''}`, writeValue), x.throttled ? { tone: 'error' } : dim),
    ];
    if (reads) row.push(seg(' '), ...bar(x.readBytesPerSecond, p.limits.readBytesPerSecond, readMax, readW), seg(` ${mib(x.readBytesPerSecond)}`, dim));
    out.push(row);
  }
  if (shards.length > shown.length) out.push([seg(' '), seg(`and ${shards.length - shown.length} more shards`, dim)]);
  out.push([]);
  out.push([seg(' '), seg(`Write throttles ${fmt(p.writeThrottled)} · read throttles ${fmt(p.readThrottled)}`, p.writeThrottled || p.readThrottled ? { tone: 'error' } : dim)]);
  const what = p.iteratorAgeMs !== null ? `Iterator age ${fmt(Math.round(p.iteratorAgeMs))} ms` : p.queueDepth !== null ? `Queue depth ${fmt(p.queueDepth)}` : null;
  if (what) out.push([seg(' '), seg(padEnd(what, 24), dim), seg(sparkline(spark, Math.max(10, width - 27)), { tone: 'heading' })]);
  return out;
}

function resultLines(s: LabState, width: number): Line[] {
  const out: Line[] = [];
  if (!s.result) {
    out.push([seg(' '), seg('Your solution could not be run:', { tone: 'error', bold: true })]);
    for (const p of s.problems) out.push(...para(p, width, { tone: 'error' }, '   '));
    return out;
  }
  const r = s.result;
  out.push([seg(' '), seg(`Score ${outOf(r.score, r.maxScore)}`, { bold: true, tone: r.passed ? 'due' : 'error' }), seg(`  ${r.passed ? 'passed' : 'not passed'}`), seg(s.best ? `  · best ${bestText(s.best)}` : '', dim)]);
  if (r.error) out.push(...para(`Your code did not run (${r.error.reason}): ${r.error.line !== undefined ? `${r.error.file}:${r.error.line}: ` : ''}${r.error.message}`, width, { tone: 'error' }));
  out.push([]);
  for (const c of r.checks) {
    out.push(...wrap([seg(c.detail)], { width, first: [seg(' '), seg(c.passed ? '✓ ' : '✗ ', { tone: c.passed ? 'due' : 'error', bold: true }), seg(`${c.id} `, bold), seg(`${outOf(c.points, c.maxPoints)} `, dim)], rest: [seg('   ')] }));
  }
  out.push(...commandsInRun(r.metrics, width));
  out.push(...shardChart(r.metrics, width));
  if (s.topics.length) {
    out.push([], [seg(' '), seg('What to read', bold), seg(s.topics.length > 1 ? '  ←→ pick, Enter opens it in Study' : '  Enter opens it in Study', dim)]);
    s.topics.forEach((t, i) => out.push([seg(i === s.topicCursor ? ' › ' : '   ', { tone: 'heading', bold: true }), seg(truncate(t.title, width - 4), i === s.topicCursor ? { tone: 'link', bold: true } : {})]));
  }
  return out;
}

/** Rows of one answer shown in the result; a longer one says how much more the inspect console has. */
const ANSWER_ROWS = 12;

/**
 * What AWS answered each console line in the run itself, in the order they were written: the
 * preview before the run is a forecast, this is what happened (a timed update refused with a
 * version conflict, a split that was still in progress).
 */
function commandsInRun(metrics: Record<string, unknown> | null, width: number): Line[] {
  const commands = metrics?.commands as CommandResult[] | undefined;
  if (!commands?.length) return [];
  const out: Line[] = [[], [seg(' '), seg('Your console lines in the run', bold), seg('  what AWS answered each', dim)]];
  for (const c of commands) {
    const when = c.atMs === null ? 'not run' : c.atMs === 0 ? 'at start' : `at ${fmtSeconds(c.atMs)}`;
    const [first = '', ...more] = hardWrap(c.command, width - 4 - when.length - 2);
    out.push([seg(' '), seg(c.ok ? '✓ ' : '✗ ', { tone: c.ok ? 'due' : 'error', bold: true }), seg(`${when}  `, dim), seg(first)], ...more.map((m): Line => [seg(' '.repeat(5 + when.length)), seg(m)]));
    const text = c.ok ? (c.output === undefined || c.output === null ? '(no output)' : JSON.stringify(c.output, null, 4)) : (c.error ?? '');
    const rows = text.split('\n').flatMap((l) => hardWrap(l, width - 5));
    out.push(...rows.slice(0, ANSWER_ROWS).map((l): Line => [seg('    '), seg(l, c.ok ? dim : { tone: 'error' })]));
    if (rows.length > ANSWER_ROWS) out.push([seg('    '), seg(`… ${rows.length - ANSWER_ROWS} more lines`, dim)]);
  }
  return out;
}

function fmtSeconds(ms: number): string {
  return `${Number((ms / 1000).toPrecision(6))} s`;
}

interface ShardDoc {
  recordsIn?: number;
  writeThrottled?: number;
  openedAtMs?: number;
  closedAtMs?: number | null;
}

interface StreamDoc {
  shards?: Record<string, ShardDoc>;
  series?: { recordsInPerSecond?: number[] };
}

/**
 * Seconds of a shard's life in which its stream took writes: what its average is taken over, so
 * a shard that was busy for half the run and idle after is not shown at half its rate.
 */
export function writingSeconds(stream: StreamDoc, shard: ShardDoc, durationMs: number): number {
  const series = stream.series?.recordsInPerSecond;
  const from = Math.floor((shard.openedAtMs ?? 0) / 1000);
  const to = Math.ceil((shard.closedAtMs ?? durationMs) / 1000);
  if (!series) return Math.max(0, to - from);
  let n = 0;
  for (let i = from; i < Math.min(to, series.length); i++) if ((series[i] ?? 0) > 0) n++;
  return n;
}

/** Each shard's write rate while writes came in, against the limit: where the load went. */
function shardChart(metrics: Record<string, unknown> | null, width: number): Line[] {
  const streams = metrics?.streams as Record<string, StreamDoc> | undefined;
  const durationMs = Number(metrics?.durationMs ?? 0);
  if (!streams || !(durationMs > 0)) return [];
  const rows = Object.entries(streams).flatMap(([name, st]) =>
    Object.entries(st.shards ?? {}).map(([id, sh]) => {
      const seconds = writingSeconds(st, sh, durationMs);
      return { name, id, rate: seconds > 0 ? (sh.recordsIn ?? 0) / seconds : 0, throttled: sh.writeThrottled ?? 0 };
    }),
  );
  if (rows.length === 0 || rows.length > 8) return [];
  const max = Math.max(1250, ...rows.map((r) => r.rate));
  const barW = Math.max(10, width - 32);
  const refused = rows.some((r) => r.throttled > 0);
  return [
    [],
    [seg(' '), seg('Writes per shard while writes came in, records/s (│ = limit)', bold)],
    ...(refused ? [[seg(' '), seg('✗ writes the shard refused (throttled) over the whole run', dim)]] : []),
    ...rows.map((r): Line => [seg(' '), seg(padEnd(truncate(`${r.name} ${r.id.replace('shardId-', '').replace(/^0+(?=\d)/, '#')}`, 13), 14)), ...bar(r.rate, 1000, max, barW), seg(` ${fmt(Math.round(r.rate))}${r.throttled ? ` ✗${fmt(r.throttled)}` : ''}`, r.throttled ? { tone: 'error' } : dim)]),
  ];
}

export function labBody(s: LabState, width: number, rows: number): { lines: Line[]; status: string } {
  const height = bodyHeight({ columns: width, rows });
  if (s.view === 'running') return { lines: progressLines(s, width, height), status: '' };
  if (s.view === 'results' && s.inspect) return inspectLines(s.inspect, width, height);
  if (s.view === 'results') {
    const all = resultLines(s, width);
    const top = Math.min(s.resultScroll, Math.max(0, all.length - height));
    return { lines: all.slice(top, top + height), status: all.length > height ? `${top + 1}–${Math.min(all.length, top + height)}/${all.length}` : '' };
  }
  const body = sectionLines(s, width, height - 2);
  const room = height - 2;
  const top = s.section === 'solve' ? 0 : Math.min(s.scroll, Math.max(0, body.length - room));
  const status =
    s.section === 'solve' ? (s.lab.solve === 'commands' ? outputStatus(consolePane(s, width, room)) : '') : body.length > room ? `${top + 1}–${Math.min(body.length, top + room)}/${body.length}` : '';
  return { lines: [tabs(s, width), [], ...body.slice(top, top + room)], status };
}
