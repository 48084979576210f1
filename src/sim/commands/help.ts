import type { CommandSpec, FlagSpec, ServiceTable } from './types.js';

// Help text drawn from the command tables, laid out like the AWS CLI's man pages but short
// enough for an 80-column lab console.

const WIDTH = 80;

function wrap(text: string, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && pad.length + line.length + 1 + word.length > WIDTH) {
      lines.push(pad + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(pad + line);
  return lines;
}

export function overviewHelp(tables: readonly ServiceTable[]): string {
  const width = Math.max(...tables.map((t) => t.service.length), 4) + 3;
  return [
    'usage: aws <command> <subcommand> [parameters]   (the leading "aws" is optional)',
    '',
    'AVAILABLE SERVICES',
    ...tables.map((t) => `  ${t.service.padEnd(width)}${t.summary}`),
    '',
    'aws <command> help lists its subcommands; aws <command> <subcommand> help shows',
    'its parameters.',
  ].join('\n');
}

export function serviceHelp(table: ServiceTable): string {
  const names = [...table.commands].sort((a, b) => (a.name < b.name ? -1 : 1));
  const width = Math.max(...names.map((c) => c.name.length)) + 2;
  const lines = [`NAME`, `       ${table.service} - ${table.summary}`, '', 'AVAILABLE COMMANDS'];
  const column = 2 + width;
  for (const c of names) {
    if (column <= 40) {
      // The summary in a column beside the name, wrapped under itself.
      const [first = '', ...rest] = wrap(c.summary, column);
      lines.push(`  ${c.name.padEnd(width)}${first.slice(column)}`, ...rest);
    } else {
      lines.push(`  ${c.name}`, ...wrap(c.summary, 6));
    }
  }
  lines.push('', `aws ${table.service} <command> help shows a command's parameters.`);
  return lines.join('\n');
}

function flagValue(f: FlagSpec): string {
  if (f.type === 'boolean') return `--${f.name} | --no-${f.name}`;
  return f.type === 'list' || f.type === 'strings' ? `--${f.name} <value> [<value>...]` : `--${f.name} <value>`;
}

const TYPE_NAMES: Record<FlagSpec['type'], string> = {
  string: 'string',
  integer: 'integer',
  boolean: 'boolean',
  blob: 'blob',
  timestamp: 'timestamp',
  structure: 'structure',
  list: 'list',
  strings: 'list',
};

export function commandHelp(table: ServiceTable, command: CommandSpec): string {
  const lines = ['NAME', ...wrap(`${command.name} - ${command.summary}`, 7), '', 'SYNOPSIS', `          aws ${table.service} ${command.name}`];
  const pos = command.positional;
  if (pos) lines.push(`          ${pos.required ? `<${pos.name}>` : `[<${pos.name}>]`}`);
  for (const f of command.flags) lines.push(`          ${f.required ? flagValue(f) : `[${flagValue(f)}]`}`);
  lines.push('', 'OPTIONS');
  if (pos) lines.push(`       <${pos.name}>${pos.required ? ' [required]' : ''}`, ...wrap(pos.help, 10));
  if (command.flags.length === 0 && !pos) lines.push('       None');
  for (const f of command.flags) {
    lines.push(`       --${f.name} (${TYPE_NAMES[f.type]})${f.required ? ' [required]' : ''}`);
    lines.push(...wrap(f.help, 10));
    if (f.choices) lines.push(...wrap(`Possible values: ${f.choices.join(', ')}`, 10));
    if (f.members) lines.push(...wrap(`Members: ${f.members.map((m) => `${m.name} (${m.type}${m.required ? ', required' : ''})`).join(', ')}`, 10));
  }
  lines.push('', 'OUTPUT', `       The ${command.operation} response as JSON, with AWS's field names.`);
  return lines.join('\n');
}
