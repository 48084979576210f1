import { ALL_LIMITS, SERVICE_WORDS, type Limit } from '../sim/limits.js';
import { diagnostic } from './diagnostics.js';
import type { Diagnostic, Fact, Quantity } from './model.js';
import { formatQuantity } from './quantity.js';

// Notes and the engine must not silently disagree: a limit row that names an engine limit but
// states another value is flagged, with today's value and its source. SI byte units (MB, KB) get
// 5% slack because AWS pages themselves write MB where they mean MiB.
const AMBIGUOUS_SLACK = 0.05;

export function crossCheckFacts(facts: readonly Fact[], limits: readonly Limit[] = ALL_LIMITS): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const fact of facts) {
    const context = `${fact.source.file} ${fact.topic} ${fact.name}`;
    for (const limit of limits) {
      if (!limit.aliases.test(fact.name) || !SERVICE_WORDS[limit.service].test(context)) continue;
      const dimension = limit.values[0]!.dimension;
      const stated = fact.values.filter((q) => q.base.dimension === dimension);
      if (stated.length === 0 || agrees(stated, limit)) continue;
      const history = limit.previous ? `; older material says ${limit.previous}${limit.since ? ` (changed ${limit.since})` : ''}` : '';
      out.push(
        diagnostic(
          'W023',
          fact.source.file,
          fact.source.line,
          `"${fact.name}" is ${stated.map((q) => formatQuantity(q.amount, q.unit)).join('–')} here, but the engine uses ${limit.display} (${limit.key}, ${limit.source})${history}`,
        ),
      );
    }
  }
  return out;
}

function agrees(stated: Quantity[], limit: Limit): boolean {
  if (limit.form === 'range') {
    // A range limit must be stated as the same range; one end alone is a partial statement.
    if (stated.length !== 2) return stated.every((q) => limit.values.some((v) => close(q, v.amount)));
    return close(stated[0]!, limit.values[0]!.amount) && close(stated[1]!, limit.values[1]!.amount);
  }
  return stated.every((q) => close(q, limit.values[0]!.amount));
}

function close(q: Quantity, expected: number): boolean {
  const tolerance = q.ambiguous ? AMBIGUOUS_SLACK : 1e-9;
  return Math.abs(q.base.amount - expected) <= tolerance * Math.max(Math.abs(expected), 1e-12);
}
