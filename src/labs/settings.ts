import { parse as parseYaml } from 'yaml';
import { loadScenarioText } from '../sim/scenario/load.js';
import { unitValue } from './expr/lexer.js';
import type { SettingDef, SettingType, SettingValue } from './model.js';
import type { YamlBlock } from './yaml-block.js';

// The settings a lab exposes as a form (```yaml settings), the values a learner chooses
// (```yaml solution, or a --solution YAML file), and the `${settings.NAME}` placeholders of the
// scenario they fill in.

export const SETTING_TYPES: readonly SettingType[] = ['integer', 'number', 'choice', 'boolean', 'duration', 'size'];
const SETTING_FIELDS = ['type', 'label', 'help', 'min', 'max', 'options', 'default'];
export const PLACEHOLDER = /\$\{([^}]*)\}/g;
const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface SettingProblem {
  line: number;
  column: number;
  message: string;
  /** L011 unless the problem is a choice's YAML snippet (L028). */
  code?: 'L028';
}

const OPTION_FIELDS = ['value', 'label', 'yaml'];

/**
 * Reads the settings block: a mapping from setting name to its definition, in form order.
 * `broken` names the settings that have a problem, so their uses are not reported again.
 */
export function parseSettings(block: YamlBlock): { settings: SettingDef[]; broken: string[]; problems: SettingProblem[] } {
  const problems: SettingProblem[] = [];
  const settings: SettingDef[] = [];
  const broken: string[] = [];
  const value = block.value;
  const report = (path: (string | number)[], message: string, key?: string, code?: 'L028') => {
    const p = key === undefined ? block.position(path) : block.keyPosition(path, key);
    problems.push({ line: p.line, column: p.column, message, ...(code ? { code } : {}) });
  };
  if (value === null || value === undefined) return { settings, broken, problems };
  if (typeof value !== 'object' || Array.isArray(value)) {
    report([], 'settings are a mapping from a setting name to {type, label, default, …}');
    return { settings, broken, problems };
  }
  for (const [name, raw] of Object.entries(value as Record<string, unknown>)) {
    const line = block.keyPosition([], name).line;
    if (!SETTING_NAME.test(name)) {
      report([], `setting name "${name}" must be letters, digits and _ (it is written \${settings.${name}} in the scenario)`, name);
      continue;
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      report([], `setting "${name}" needs a mapping: {type, label, default, …}`, name);
      broken.push(name);
      continue;
    }
    const def = raw as Record<string, unknown>;
    for (const key of Object.keys(def)) {
      if (!SETTING_FIELDS.includes(key)) report([name], `setting "${name}": unknown field "${key}" (fields: ${SETTING_FIELDS.join(', ')})`, key);
    }
    const type = def.type;
    if (typeof type !== 'string' || !(SETTING_TYPES as readonly string[]).includes(type)) {
      const message = `setting "${name}": type must be one of ${SETTING_TYPES.join(', ')}${type === undefined ? '' : `; got ${JSON.stringify(type)}`}`;
      if (type === undefined) report([], message, name);
      else report([name, 'type'], message);
      broken.push(name);
      continue;
    }
    const setting: SettingDef = { name, type: type as SettingType, label: name, default: 0, line };
    let ok = true;
    for (const field of ['label', 'help'] as const) {
      if (def[field] === undefined) continue;
      if (typeof def[field] !== 'string' || def[field] === '') {
        report([name, field], `setting "${name}": ${field} must be text`);
        ok = false;
      } else setting[field] = def[field];
    }
    if (setting.type === 'choice') {
      const options = def.options;
      if (!Array.isArray(options) || options.length < 2) {
        const message = `setting "${name}": a choice needs options, a list of two or more values (or {value, label?, yaml?})`;
        if (options === undefined) report([], message, name);
        else report([name, 'options'], message);
        ok = false;
      } else {
        const read = options.map((o, i) => readOption(name, o, [name, 'options', i], report, (p) => block.position(p).line));
        if (read.some((o) => o === null)) ok = false;
        else {
          const choices = read as ChoiceOption[];
          setting.options = choices.map((o) => o.value);
          const labels = choices.filter((o) => o.label !== undefined);
          if (labels.length) setting.optionLabels = Object.fromEntries(labels.map((o) => [o.value, o.label!]));
          const snippets = choices.filter((o) => o.snippet !== undefined);
          if (snippets.length) setting.snippets = Object.fromEntries(snippets.map((o) => [o.value, o.snippet!]));
          if (new Set(setting.options).size !== setting.options.length) {
            report([name, 'options'], `setting "${name}": options are listed twice`);
            ok = false;
          }
        }
      }
    } else if (def.options !== undefined) {
      report([name, 'options'], `setting "${name}": options belong to a choice (this is ${setting.type})`);
      ok = false;
    }
    for (const bound of ['min', 'max'] as const) {
      if (def[bound] === undefined) continue;
      if (setting.type === 'choice' || setting.type === 'boolean') {
        report([name, bound], `setting "${name}": ${bound} does not apply to a ${setting.type}`);
        ok = false;
        continue;
      }
      const v = baseValue(setting.type, def[bound]);
      if (v === null) {
        report([name, bound], `setting "${name}": ${bound} must be ${TYPE_TEXT[setting.type]}; got ${JSON.stringify(def[bound])}`);
        ok = false;
      } else setting[bound] = v;
    }
    if (setting.min !== undefined && setting.max !== undefined && setting.min > setting.max) {
      report([name, 'max'], `setting "${name}": max is below min`);
      ok = false;
    }
    if (def.default === undefined) {
      report([], `setting "${name}": default is missing (the value the form starts with)`, name);
      ok = false;
    } else if (ok) {
      const d = coerceSetting(setting, def.default);
      if (!d.ok) {
        report([name, 'default'], `setting "${name}": default ${d.message}`);
        ok = false;
      } else setting.default = d.value;
    }
    if (ok) settings.push(setting);
    else broken.push(name);
  }
  // A snippet may use the plain settings (`{kind: kcl, workers: ${settings.workers}}`); a name
  // that is not declared, or is itself a snippet choice, would be left unreplaced.
  for (const def of [...settings]) {
    for (const [value, snippet] of Object.entries(def.snippets ?? {})) {
      for (const name of snippetSettingNames(snippet.text)) {
        const target = settings.find((d) => d.name === name);
        if (target && !target.snippets) continue;
        problems.push({ line: snippet.line, column: 1, code: 'L028', message: `setting "${def.name}": option ${value}: the snippet uses \${settings.${name}}, ${target ? 'a choice with snippets of its own (snippets do not nest)' : 'which is not declared'}` });
        if (settings.includes(def)) {
          settings.splice(settings.indexOf(def), 1);
          broken.push(def.name);
        }
      }
    }
  }
  return { settings, broken, problems };
}

/** The settings a snippet's text names as `${settings.NAME}`. */
export function snippetSettingNames(text: string): string[] {
  return [...text.matchAll(/\$\{settings\.([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]!);
}

/**
 * A snippet with the plain settings it names filled in. Its text is JSON, so a placeholder that
 * is a whole string (`"${settings.workers}"`) becomes the bare value (a number stays a number);
 * one inside a longer string is written into it.
 */
function expandSnippet(text: string, defs: readonly SettingDef[], values: ReadonlyMap<string, SettingValue>): string {
  const fill = (whole: string, name: string, quoted: boolean) => {
    const def = defs.find((d) => d.name === name && !d.snippets);
    if (!def) return whole;
    const value = settingText(def, values.get(name) ?? def.default);
    return quoted ? value : JSON.stringify(value).slice(1, -1);
  };
  return text
    .replace(/"\$\{settings\.([A-Za-z_][A-Za-z0-9_]*)\}"/g, (whole, name: string) => fill(whole, name, true))
    .replace(/\$\{settings\.([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) => fill(whole, name, false));
}

interface ChoiceOption {
  value: string;
  label?: string;
  snippet?: { text: string; line: number };
}

/**
 * One option of a choice: a plain value, or `{value, label?, yaml?}` where `yaml` is the snippet
 * the scenario receives. The snippet becomes one line of flow YAML (JSON is flow YAML), so it fits
 * wherever a value fits, `- ${settings.NAME}` in a list or `retries: ${settings.NAME}`, whatever
 * the placeholder's indentation.
 */
function readOption(
  name: string,
  raw: unknown,
  path: (string | number)[],
  report: (path: (string | number)[], message: string, key?: string, code?: 'L028') => void,
  lineOf: (path: (string | number)[]) => number,
): ChoiceOption | null {
  if (typeof raw === 'string' || typeof raw === 'number') return { value: String(raw) };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    report(path, `setting "${name}": an option is a value or {value, label?, yaml?}; got ${JSON.stringify(raw)}`);
    return null;
  }
  const o = raw as Record<string, unknown>;
  let ok = true;
  for (const key of Object.keys(o)) {
    if (!OPTION_FIELDS.includes(key)) {
      report(path, `setting "${name}": unknown option field "${key}" (fields: ${OPTION_FIELDS.join(', ')})`, key);
      ok = false;
    }
  }
  if (typeof o.value !== 'string' && typeof o.value !== 'number') {
    report(path, `setting "${name}": an option written as a mapping needs a value (the text a solution lists and checks read)`);
    return null;
  }
  const option: ChoiceOption = { value: String(o.value) };
  if (o.label !== undefined) {
    if (typeof o.label !== 'string' || o.label === '') {
      report([...path, 'label'], `setting "${name}": option ${option.value}: label must be text`);
      ok = false;
    } else option.label = o.label;
  }
  if (o.yaml !== undefined) {
    const snippet = snippetText(o.yaml);
    if (typeof snippet !== 'string') {
      report([...path, 'yaml'], `setting "${name}": option ${option.value}: ${snippet.error}`, undefined, 'L028');
      ok = false;
    } else option.snippet = { text: snippet, line: lineOf([...path, 'yaml']) };
  }
  return ok ? option : null;
}

/** A snippet as flow YAML: text is parsed as YAML first, so `yaml: |` blocks read naturally. */
function snippetText(raw: unknown): string | { error: string } {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = parseYaml(raw, { uniqueKeys: true });
    } catch (e) {
      return { error: `yaml is not valid YAML: ${(e as Error).message.split('\n')[0]}` };
    }
  }
  if (value === undefined) return { error: 'yaml is empty: write the snippet the scenario receives, or null' };
  return JSON.stringify(value);
}

const TYPE_TEXT: Record<SettingType, string> = {
  integer: 'a whole number',
  number: 'a number',
  choice: 'one of the options',
  boolean: 'true or false',
  duration: 'a duration (30s, 500ms, 5min)',
  size: 'a size (512KiB, 1MiB)',
};

/** A number, or a quantity in the setting's dimension, in base units (ms, bytes). */
function baseValue(type: SettingType, raw: unknown): number | null {
  if (typeof raw === 'number' && Number.isFinite(raw)) return type === 'integer' && !Number.isInteger(raw) ? null : raw;
  if (typeof raw !== 'string' || (type !== 'duration' && type !== 'size')) return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z/ ]+?)\s*$/.exec(raw);
  if (!m) return null;
  const q = unitValue(m[1]!, m[2]!);
  if (!q) return null;
  return q.dimension === (type === 'duration' ? 'ms' : 'bytes') ? q.value : null;
}

/** Checks a chosen value against its setting; the value comes back in base units. */
export function coerceSetting(def: SettingDef, raw: unknown): { ok: true; value: SettingValue } | { ok: false; message: string } {
  switch (def.type) {
    case 'boolean':
      return typeof raw === 'boolean' ? { ok: true, value: raw } : { ok: false, message: `must be true or false; got ${JSON.stringify(raw)}` };
    case 'choice': {
      const v = typeof raw === 'number' ? String(raw) : raw;
      return typeof v === 'string' && def.options?.includes(v)
        ? { ok: true, value: v }
        : { ok: false, message: `must be one of ${def.options?.join(', ')}; got ${JSON.stringify(raw)}` };
    }
    default: {
      const v = baseValue(def.type, raw);
      const range = rangeText(def);
      if (v === null) return { ok: false, message: `must be ${TYPE_TEXT[def.type]}${range}; got ${JSON.stringify(raw)}` };
      if ((def.min !== undefined && v < def.min) || (def.max !== undefined && v > def.max)) {
        return { ok: false, message: `must be ${TYPE_TEXT[def.type]}${range}; got ${JSON.stringify(raw)}` };
      }
      return { ok: true, value: v };
    }
  }
}

function rangeText(def: SettingDef): string {
  const show = (v: number) => (def.type === 'duration' ? `${v}ms` : def.type === 'size' ? `${v}B` : String(v));
  if (def.min !== undefined && def.max !== undefined) return ` from ${show(def.min)} to ${show(def.max)}`;
  if (def.min !== undefined) return ` of at least ${show(def.min)}`;
  if (def.max !== undefined) return ` of at most ${show(def.max)}`;
  return '';
}

/** How a value is written into the scenario text: a choice's snippet, or the value itself. */
export function settingText(def: SettingDef, value: SettingValue): string {
  const snippet = def.snippets?.[String(value)];
  if (snippet !== undefined) return snippet.text;
  if (def.type === 'duration') return `${value}ms`;
  if (def.type === 'size') return `${value}B`;
  return String(value);
}

export interface Placeholder {
  /** The text between the braces: `settings.shards`. */
  inner: string;
  /** The setting name, when the placeholder has the `settings.NAME` form. */
  name: string | null;
  /** 0-based line within the text and 1-based column. */
  line: number;
  column: number;
}

export function placeholders(text: string): Placeholder[] {
  const out: Placeholder[] = [];
  text.split('\n').forEach((lineText, line) => {
    for (const m of lineText.matchAll(PLACEHOLDER)) {
      const inner = m[1]!.trim();
      const name = /^settings\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(inner)?.[1] ?? null;
      out.push({ inner, name, line, column: m.index + 1 });
    }
  });
  return out;
}

/** The scenario text with every `${settings.NAME}` replaced; unknown names are left as written. */
export function substitute(text: string, defs: readonly SettingDef[], values: ReadonlyMap<string, SettingValue>): string {
  return text.replace(PLACEHOLDER, (whole, inner: string) => {
    const name = /^settings\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(inner.trim())?.[1];
    const def = defs.find((d) => d.name === name);
    if (!def) return whole;
    const text = settingText(def, values.get(def.name) ?? def.default);
    return def.snippets?.[String(values.get(def.name) ?? def.default)] ? expandSnippet(text, defs, values) : text;
  });
}

/**
 * For each choice option with a snippet other than the default, the first scenario error when
 * that option is chosen (every other setting at its default), at the snippet's line.
 */
export function snippetProblems(scenarioText: string, defs: readonly SettingDef[], id: string): { line: number; message: string }[] {
  const out: { line: number; message: string }[] = [];
  for (const def of defs) {
    for (const [value, snippet] of Object.entries(def.snippets ?? {})) {
      if (value === String(def.default)) continue;
      const loaded = loadScenarioText(substitute(scenarioText, defs, new Map([[def.name, value]])), `${id}.yaml`);
      if (!loaded.ok) {
        const first = loaded.problems.find((p) => p.severity === 'error') ?? loaded.problems[0]!;
        out.push({ line: snippet.line, message: `setting "${def.name}": with option ${value} the scenario does not load: ${first.message}` });
      }
    }
  }
  return out;
}
