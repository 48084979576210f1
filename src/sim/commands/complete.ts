import type { BoundService } from './dispatch.js';
import { tokenizeLenient } from './tokenize.js';
import { Args, type FlagValue } from './types.js';

// Tab completion for the lab console: what could stand in the word under the cursor. The
// caller replaces line[from, to) with a candidate.

export interface Completion {
  from: number;
  to: number;
  candidates: string[];
}

export function complete(line: string, cursor: number, services: readonly BoundService[]): Completion {
  const { tokens, trailingSpace } = tokenizeLenient(line.slice(0, cursor));
  const atNewWord = tokens.length === 0 || trailingSpace;
  const current = atNewWord ? { value: '', start: cursor } : tokens[tokens.length - 1]!;
  const prior = (atNewWord ? tokens : tokens.slice(0, -1)).map((t) => t.value);
  const result = (candidates: string[], prefix = current.value, from = current.start): Completion => ({
    from,
    to: cursor,
    candidates: candidates.filter((c) => c.startsWith(prefix)),
  });
  const serviceNames = services.map((s) => s.table.service).sort();

  if (prior.length === 0) return result(['aws', ...serviceNames, 'help']);
  const start = prior[0] === 'aws' ? 1 : 0;
  if (prior.length === start) return result([...serviceNames, 'help']);
  const service = services.find((s) => s.table.service === prior[start]);
  if (!service) return result([]);
  if (prior.length === start + 1) return result([...service.table.commands.map((c) => c.name).sort(), 'help']);
  const command = service.table.commands.find((c) => c.name === prior[start + 1]);
  if (!command) return result([]);

  const words = prior.slice(start + 2);
  // What has been typed so far, so a shard id can be offered for the stream already named.
  const typed = new Map<string, FlagValue>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!w.startsWith('--')) continue;
    const eq = w.indexOf('=');
    if (eq !== -1) typed.set(w.slice(2, eq), w.slice(eq + 1));
    else if (words[i + 1] !== undefined && !words[i + 1]!.startsWith('--')) typed.set(w.slice(2), words[i + 1]!);
    else typed.set(w.slice(2), true);
  }
  const args = new Args(typed);
  const valuesFor = (name: string): string[] => {
    const flag = command.flags.find((f) => f.name === name);
    if (!flag || flag.type === 'boolean') return [];
    return [...(flag.choices ?? flag.suggest?.(service.ctx, args) ?? [])];
  };

  const inlineEq = current.value.startsWith('--') ? current.value.indexOf('=') : -1;
  if (inlineEq !== -1) {
    const name = current.value.slice(2, inlineEq);
    return result(valuesFor(name).map((v) => `--${name}=${v}`));
  }
  const previous = words[words.length - 1];
  const previousFlag = previous?.startsWith('--') && !previous.includes('=') ? command.flags.find((f) => f.name === previous.slice(2)) : undefined;
  if (previousFlag && previousFlag.type !== 'boolean' && !current.value.startsWith('--')) return result(valuesFor(previousFlag.name));

  const used = new Set([...typed.keys()]);
  const flags = command.flags.filter((f) => !used.has(f.name) && !(f.type === 'boolean' && used.has(`no-${f.name}`))).map((f) => `--${f.name}`);
  return result(current.value === '' || current.value.startsWith('-') ? flags : [...flags, 'help']);
}
