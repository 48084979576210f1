import { describe, expect, it } from 'vitest';
import { editorCommand, runEditor, splitCommand } from '../../src/ui/editor.js';

describe('opening a card in the editor', () => {
  const at = (env: NodeJS.ProcessEnv) => editorCommand(env, '/notes/kinesis.md', 42);

  it('puts the line where each editor reads it', () => {
    expect(at({ EDITOR: 'vim' })).toEqual({ command: 'vim', args: ['+42', '/notes/kinesis.md'] });
    expect(at({ EDITOR: '/usr/bin/nvim' })).toEqual({ command: '/usr/bin/nvim', args: ['+42', '/notes/kinesis.md'] });
    expect(at({ EDITOR: 'nano' })?.args).toEqual(['+42', '/notes/kinesis.md']);
    expect(at({ EDITOR: 'emacsclient -t' })).toEqual({ command: 'emacsclient', args: ['-t', '+42', '/notes/kinesis.md'] });
    // VS Code would create a file called kinesis.md:42 without --goto.
    expect(at({ EDITOR: 'code --wait' })).toEqual({ command: 'code', args: ['--wait', '--goto', '/notes/kinesis.md:42'] });
    expect(at({ EDITOR: 'subl -w' })?.args).toEqual(['-w', '/notes/kinesis.md:42']);
    expect(at({ EDITOR: 'hx' })?.args).toEqual(['/notes/kinesis.md:42']);
    // An editor it does not know gets the file alone rather than a `+42` it may take for a file.
    expect(at({ EDITOR: 'ed' })?.args).toEqual(['/notes/kinesis.md']);
  });

  it('prefers $VISUAL to $EDITOR, as git does, and has nothing to run without either', () => {
    expect(at({ VISUAL: 'nvim', EDITOR: 'nano' })?.command).toBe('nvim');
    expect(at({ VISUAL: '', EDITOR: 'nano' })?.command).toBe('nano');
    expect(at({})).toBeUndefined();
    expect(at({ EDITOR: '   ' })).toBeUndefined();
  });

  it('keeps quoted paths with spaces in one piece', () => {
    expect(splitCommand(`"/Applications/My Editor/bin/edit" --wait 'a b'`)).toEqual(['/Applications/My Editor/bin/edit', '--wait', 'a b']);
  });

  it('hands the terminal over and takes it back around the editor, also when it fails', () => {
    const steps: string[] = [];
    const terminal = { release: () => steps.push('release'), reclaim: () => steps.push('reclaim') };
    expect(runEditor({ EDITOR: 'true' }, '/x.md', 3, terminal)).toEqual({ kind: 'opened', redraw: true });
    expect(runEditor({ EDITOR: 'false' }, '/x.md', 3, terminal)).toEqual({ kind: 'failed', message: 'false exited with 1', redraw: true });
    expect(runEditor({ EDITOR: 'no-such-editor-anywhere' }, '/x.md', 3, terminal)).toMatchObject({ kind: 'failed', message: expect.stringContaining('could not run no-such-editor-anywhere') });
    expect(steps).toEqual(['release', 'reclaim', 'release', 'reclaim', 'release', 'reclaim']);
    expect(runEditor({}, '/x.md', 3, terminal)).toEqual({ kind: 'missing' });
    expect(steps).toHaveLength(6);
  });
});
