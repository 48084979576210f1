import type { Dispatcher, Outcome } from '../../src/sim/commands/index.js';

/** run / ok / fail over a dispatcher, as every service's command tests use them. */
export function commandRunner(d: Dispatcher) {
  const run = (line: string): Outcome => d.execute(line);
  // Responses are AWS JSON of many shapes; tests read fields off them directly.
  const ok = (line: string): any => {
    const o = run(line);
    if (o.kind !== 'response') throw new Error(`${line}\n→ ${o.text}`);
    return o.response;
  };
  const fail = (line: string): string => {
    const o = run(line);
    if (o.ok) throw new Error(`expected ${line} to fail, got ${o.text}`);
    return o.error;
  };
  return { run, ok, fail };
}
