#!/usr/bin/env node
// Bundles the CLI into one ESM file with React in production mode: a bundled production
// Ink app draws its first frame in about half the time of an unbundled one.
import { build } from 'esbuild';
import { statSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist', 'shardlab.js');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function isStale() {
  if (!existsSync(outfile)) return true;
  const inputs = Math.max(newestMtime(join(root, 'src')), statSync(join(root, 'package.json')).mtimeMs);
  return inputs > statSync(outfile).mtimeMs;
}

// Ink imports its devtools bridge (and the optional react-devtools-core peer) only when DEV=true.
// Bundled, that import would become a static one that fails at start-up, so it resolves to nothing.
const withoutInkDevtools = {
  name: 'without-ink-devtools',
  setup(b) {
    b.onResolve({ filter: /^\.\/devtools\.js$/ }, (args) =>
      args.importer.includes(`${'node_modules'}/ink/`) ? { path: 'ink-devtools', namespace: 'empty' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

export async function bundle() {
  const pkg = JSON.parse((await import('node:fs')).readFileSync(join(root, 'package.json'), 'utf8'));
  await build({
    entryPoints: [join(root, 'src', 'cli.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
    define: {
      'process.env.NODE_ENV': '"production"',
      SHARDLAB_VERSION: JSON.stringify(pkg.version),
    },
    plugins: [withoutInkDevtools],
    // The lab sandbox compiles learner code with esbuild's transform, whose JS API drives esbuild's
    // native binary: it cannot be bundled, so it is loaded from node_modules (a runtime dependency).
    external: ['esbuild'],
    banner: {
      // CommonJS dependencies (gray-matter, react) call require() for Node built-ins.
      js: "#!/usr/bin/env node\nimport { createRequire as __shardlabCreateRequire } from 'node:module';\nconst require = __shardlabCreateRequire(import.meta.url);",
    },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);
  await bundle();
}
