import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Context } from '../../src/cli/context.js';
import { UsageError } from '../../src/cli/errors.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shardlab-context-'));
  writeFileSync(join(dir, 'sqs.md'), '---\ntitle: SQS\n---\n\n| Limit | Value |\n|---|---|\n| Message size | 1 MiB |\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('Context.reloadIndex', () => {
  it('reads edited notes again, through the same cache, while index() keeps the loaded ones', () => {
    const ctx = new Context({ content: dir, dataDir: join(dir, '.data') });
    const first = ctx.index();
    expect(first.facts.map((f) => f.name)).toEqual(['Message size']);
    expect(ctx.index()).toBe(first);
    appendFileSync(join(dir, 'sqs.md'), '| Batch size | 10 messages |\n');
    const second = ctx.reloadIndex();
    expect(second.facts.map((f) => f.name)).toEqual(['Message size', 'Batch size']);
    expect(ctx.index()).toBe(second);
  });

  it('throws a usage error when the folder is gone, and keeps what it had', () => {
    const content = join(dir, 'notes');
    mkdirSync(content);
    writeFileSync(join(content, 'sqs.md'), '# SQS\n');
    const ctx = new Context({ content, dataDir: join(dir, '.data') });
    const first = ctx.index();
    rmSync(content, { recursive: true, force: true });
    expect(() => ctx.reloadIndex()).toThrow(UsageError);
    expect(ctx.index()).toBe(first);
  });
});
