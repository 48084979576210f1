import { describe, expect, it, vi } from 'vitest';

// E099 is the loader's last line of defence: if a parser bug throws, the file still loads empty
// with a diagnostic instead of taking the whole content folder down.
vi.mock('../../src/content/markdown.js', () => ({
  parseMarkdown: () => {
    throw new Error('parser exploded');
  },
}));

describe('internal errors', () => {
  it('E099: a throwing parser becomes a diagnostic for that file', async () => {
    const { parseNote } = await import('../../src/content/parse-file.js');
    const content = parseNote('notes/x.md', '# Title\n\nText\n');
    expect(content.diagnostics).toEqual([
      expect.objectContaining({ code: 'E099', file: 'notes/x.md', line: 1, severity: 'error' }),
    ]);
    expect(content.topic.title).toBe('X');
  });
});
