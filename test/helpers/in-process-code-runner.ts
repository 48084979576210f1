import vm from 'node:vm';
import ts from 'typescript';
import type { CallOutcome, CodeError, CodeRunner } from '../../src/labs/hooks.js';

// Test-only CodeRunner: runs a learner module in a node:vm context with the request's time limit.
// It is NOT a sandbox (vm contexts share the process); the app's isolated worker replaces it.

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Generated line (1-based) → source line, from a source map's `mappings` (first segment of each line). */
function lineMap(mappings: string): Map<number, number> {
  const map = new Map<number, number>();
  let sourceLine = 0;
  mappings.split(';').forEach((line, generated) => {
    let first = true;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >> 1) : value >> 1);
          value = 0;
          shift = 0;
        }
      }
      if (fields.length >= 3) sourceLine += fields[2]!;
      if (first && fields.length >= 3) map.set(generated + 1, sourceLine + 1);
      first = false;
    }
  });
  return map;
}

function place(error: unknown, file: string, lines?: Map<number, number>): CodeError {
  // Errors from the vm context are another realm's Error: read them by shape.
  const e = typeof error === 'object' && error !== null ? (error as { message?: unknown; stack?: unknown }) : {};
  const message = typeof e.message === 'string' ? e.message : String(error);
  const stack = typeof e.stack === 'string' ? e.stack : '';
  const at = new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+)(?::(\\d+))?`).exec(stack);
  if (!at) return { message };
  const line = Number(at[1]);
  // Through the source map, the line is the learner's; the column is the compiled code's, so it is left out.
  if (lines) return lines.has(line) ? { message, line: lines.get(line)! } : { message };
  return { message, line, ...(at[2] ? { column: Number(at[2]) } : {}) };
}

/**
 * ESM `export function f` / `export const f` / `export { f }` as script code on the same lines, so
 * error lines stay the learner's.
 */
function exportsToScript(js: string): string {
  const names: string[] = [];
  const body = js
    .replace(/^(\s*)export\s+((?:async\s+)?function\s*\*?\s*|const\s+|let\s+|var\s+|class\s+)([A-Za-z_$][\w$]*)/gm, (_m, indent: string, kind: string, name: string) => {
      names.push(name);
      return `${indent}${kind}${name}`;
    })
    .replace(/^\s*export\s*\{([^}]*)\};?/gm, (_m, list: string) => {
      for (const n of list.split(',')) if (n.trim()) names.push(n.trim());
      return '';
    });
  return `${body}\n;${names.map((n) => `module.exports.${n} = ${n};`).join(' ')}`;
}

export const inProcessCodeRunner: CodeRunner = async (req) => {
  let js = req.source;
  let lines: Map<number, number> | undefined;
  if (req.language === 'ts') {
    const out = ts.transpileModule(req.source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: true }, reportDiagnostics: true, fileName: req.file });
    const d = out.diagnostics?.[0];
    if (d) {
      const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      return { ok: false, reason: 'compile', error: { message: ts.flattenDiagnosticMessageText(d.messageText, '\n'), ...(pos ? { line: pos.line + 1, column: pos.character + 1 } : {}) } };
    }
    js = out.outputText.replace(/\n\/\/# sourceMappingURL=.*$/, '');
    lines = lineMap((JSON.parse(out.sourceMapText ?? '{"mappings":""}') as { mappings: string }).mappings);
  }
  js = exportsToScript(js);
  const module = { exports: {} as Record<string, unknown> };
  const context = vm.createContext({ module, exports: module.exports, __calls: req.calls, __outcomes: [] as CallOutcome[], atob, btoa });
  try {
    new vm.Script(js, { filename: req.file }).runInContext(context, { timeout: req.limits.timeMs });
  } catch (error) {
    const timeout = (error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
    return { ok: false, reason: timeout ? 'timeout' : 'load', error: timeout ? { message: `stopped after ${req.limits.timeMs} ms` } : place(error, req.file, lines) };
  }
  if (typeof module.exports[req.exportName] !== 'function') {
    return { ok: false, reason: 'missing-export', error: { message: `the module does not export a function named ${req.exportName}` } };
  }
  const driver = `for (const args of __calls) { try { __outcomes.push({ ok: true, value: module.exports[${JSON.stringify(req.exportName)}](...JSON.parse(JSON.stringify(args))) }); } catch (e) { __outcomes.push({ ok: false, error: e }); } }`;
  try {
    new vm.Script(driver, { filename: 'driver.js' }).runInContext(context, { timeout: req.limits.timeMs });
  } catch (error) {
    const timeout = (error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
    return { ok: false, reason: timeout ? 'timeout' : 'crashed', error: timeout ? { message: `stopped after ${req.limits.timeMs} ms` } : place(error, req.file, lines) };
  }
  const outcomes = (context.__outcomes as { ok: boolean; value?: unknown; error?: unknown }[]).map(
    (o): CallOutcome => (o.ok ? { ok: true, value: o.value === undefined ? undefined : JSON.parse(JSON.stringify(o.value)) } : { ok: false, error: place(o.error, req.file, lines) }),
  );
  return { ok: true, outcomes };
};
