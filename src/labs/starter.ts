import type { Lab } from './model.js';

// A commands lab's starter block as console lines: the naive plan the learner starts from in the
// app's console. The block is a solution file, so it is read the way `parseCommandLines` reads
// one (comments and blank lines skipped, a trailing `\` joins the next line), but each line keeps
// its author's spelling (`at 1min:` stays `at 1min:`), since the learner edits it.

export function starterCommands(lab: Lab): string[] {
  if (lab.solve !== 'commands') return [];
  const raw = lab.starter.text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    let joined = raw[i]!.replace(/\r$/, '');
    while (/\\\s*$/.test(joined) && i + 1 < raw.length) joined = `${joined.replace(/\s*\\\s*$/, '')} ${raw[++i]!.trim()}`;
    const line = joined.trim();
    if (line !== '' && !line.startsWith('#')) out.push(line);
  }
  return out;
}
