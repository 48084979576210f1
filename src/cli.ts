import { main } from './cli/program.js';

const code = await main(process.argv.slice(2), {
  stdinIsTTY: Boolean(process.stdin.isTTY),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
});
// exitCode, not exit(): pending stdout writes (a large --json document into a pipe) must drain.
process.exitCode = code;
