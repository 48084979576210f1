import type { CodeError } from '../hooks.js';

// The learner's module is compiled with esbuild's transform: TypeScript types are stripped, ESM
// exports become `module.exports` (the vm context runs a plain script), and `import()` becomes a
// call to the context's `require`, which refuses with a clear message. esbuild is a runtime
// dependency, left out of the CLI bundle (scripts/build.mjs marks it external) because its JS
// API drives a native binary that cannot be bundled; it is imported only when code is compiled.

export type Compiled = { ok: true; js: string; map: string } | { ok: false; error: CodeError };

interface EsbuildMessage {
  text: string;
  location: { line: number; column: number } | null;
}

export async function compileModule(source: string, language: 'ts' | 'js', file: string): Promise<Compiled> {
  const { transform } = await import('esbuild');
  try {
    const out = await transform(source, {
      loader: language,
      format: 'cjs',
      target: 'node20',
      sourcemap: 'external',
      sourcefile: file,
      // Turned into require(), which the sandbox refuses, rather than a real dynamic import.
      supported: { 'dynamic-import': false },
      logLevel: 'silent',
    });
    return { ok: true, js: out.code, map: out.map };
  } catch (error) {
    const first = (error as { errors?: EsbuildMessage[] }).errors?.[0];
    if (!first) return { ok: false, error: { message: error instanceof Error ? error.message : String(error) } };
    // esbuild's lines are 1-based and its columns 0-based.
    return { ok: false, error: { message: first.text, ...(first.location ? { line: first.location.line, column: first.location.column + 1 } : {}) } };
  }
}
