// The pseudo-terminal and built-CLI tests run dist/shardlab.js, so build it once, before any test
// file starts, when a source file is newer than the bundle. Building here (not per test file)
// keeps parallel test files from writing the bundle at the same time.
export default async function setup(): Promise<void> {
  // @ts-expect-error: plain ESM build script without type declarations.
  const { isStale, bundle } = (await import('../scripts/build.mjs')) as { isStale(): boolean; bundle(): Promise<void> };
  if (isStale()) await bundle();
}
