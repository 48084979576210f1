import type { CostInput, CostLine } from './lines.js';
import { costLine, sumLines } from './lines.js';
import { IOT_PRICES } from './prices.js';

// Prices IoT Core from its metrics section: metered messages (5 KB units, publishes through the
// broker and deliveries to subscribers; Basic Ingest is free), rules triggered (every message a
// rule evaluates), actions executed (error actions included) and device connection minutes.

export interface IotCost {
  perHour: number;
  total: number;
  breakdown: Record<string, CostLine>;
}

interface IotSection {
  billableMessages: number;
  devices: Record<string, { connected: number }>;
  rules: Record<string, { evaluated: number; actions: Record<string, { invoked: number }>; errorAction: { invoked: number } | null }>;
}

export function priceIot(input: CostInput): IotCost | null {
  const iot = input.metrics.iot as IotSection | undefined;
  if (!iot) return null;
  const p = IOT_PRICES;
  const line = (quantity: number, unitPrice: number) => costLine(quantity, unitPrice, input.durationMs);
  const rules = Object.values(iot.rules);
  const triggered = rules.reduce((n, r) => n + r.evaluated, 0);
  const actions = rules.reduce((n, r) => n + Object.values(r.actions).reduce((m, a) => m + a.invoked, 0) + (r.errorAction?.invoked ?? 0), 0);
  const connected = Object.values(iot.devices).reduce((n, g) => n + g.connected, 0);
  const breakdown = {
    messages: line(iot.billableMessages / 1e6, p.messagesPerMillion),
    rulesTriggered: line(triggered / 1e6, p.rulesTriggeredPerMillion),
    actionsExecuted: line(actions / 1e6, p.actionsExecutedPerMillion),
    connectionMinutes: line((connected * input.durationMs) / 60_000 / 1e6, p.connectionMinutesPerMillion),
  };
  return { ...sumLines(breakdown), breakdown };
}
