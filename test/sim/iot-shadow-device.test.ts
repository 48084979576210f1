import { describe, expect, it } from 'vitest';
import type { IotMetrics } from '../../src/sim/iot/service.js';
import { formatProblem, loadScenarioText } from '../../src/sim/scenario/load.js';
import { runScenario } from '../../src/sim/scenario/run.js';

// A shadow's device (`shadows[].device`): it applies the deltas it receives and reports them,
// misses what is published while it is offline, and catches up on connecting only when it asks
// for its document. The shadow's end state and versioned updates are in the metrics.

function run(device: string, actions: string) {
  const text = `
seed: 1
duration: 30s
iot:
  shadows:
    - thing: lamp
      desired: {led: off}
      reported: {led: off}
      device: ${device}
      updates:
        - {at: 2.5s, reported: {volts: 3.3}}
        - {at: 12.5s, reported: {volts: 3.2}}
actions:
${actions}
`;
  const loaded = loadScenarioText(text, 'device.yaml');
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const doc = runScenario(loaded.spec);
  return { doc, shadow: (doc.iot as IotMetrics).shadows.lamp! };
}

const SET_ON = (at: string, version = '') => `  - {at: ${at}, do: "aws iot-data update-thing-shadow --thing-name lamp --payload '{\\"state\\": {\\"desired\\": {\\"led\\": \\"on\\"}}${version}}' out.json"}`;

describe('a shadow with a device', () => {
  it('applies a delta after applyAfter and reports it, so desired and reported converge', () => {
    const { shadow } = run('{applyAfter: 2s}', SET_ON('5s', ', \\"version\\": 2'));
    expect(shadow.device).toMatchObject({ deltasReceived: 1, deltasMissed: 0, reports: 1, gets: 1 });
    expect(shadow.device!.applied).toEqual([{ atMs: 7000, state: { led: 'on' }, reported: { led: 'on', volts: 3.3 } }]);
    expect(shadow).toMatchObject({ desired: { led: 'on' }, reported: { led: 'on', volts: 3.2 }, delta: {}, versioned: 1, conflicts: 0 });
  });

  it('misses a delta published while offline and, with onConnect none, never catches up', () => {
    const { shadow } = run('{offline: [{from: 4s, to: 10s}], onConnect: none}', SET_ON('5s'));
    expect(shadow.device).toMatchObject({ deltasReceived: 0, deltasMissed: 1, reports: 0, gets: 0, updatesWhileOffline: 0 });
    expect(shadow.delta).toEqual({ led: 'on' });
  });

  it('with onConnect get, asks for its document on reconnecting and applies the delta in it', () => {
    const { shadow } = run('{offline: [{from: 4s, to: 10s}]}', SET_ON('5s'));
    expect(shadow.device).toMatchObject({ deltasReceived: 0, deltasMissed: 1, reports: 1, gets: 2 });
    expect(shadow.device!.applied[0]!.atMs).toBe(11_000);
    expect(shadow.delta).toEqual({});
  });

  it('sends no scripted update while offline, and loses a delta it goes offline before applying', () => {
    const { shadow } = run('{applyAfter: 3s, offline: [{from: 6s, to: 20s}], onConnect: none}', SET_ON('5s'));
    expect(shadow.device).toMatchObject({ deltasReceived: 1, reports: 0, lostWhileApplying: 1, updatesWhileOffline: 1 });
    expect(shadow.reported).toEqual({ led: 'off', volts: 3.3 });
  });

  it('a stale version is a conflict and not counted as a versioned update', () => {
    const { shadow, doc } = run('{}', SET_ON('5s', ', \\"version\\": 1'));
    expect(doc.actions[0]!.error).toMatch(/ConflictException/);
    expect(shadow).toMatchObject({ conflicts: 1, versioned: 0, desired: { led: 'off' } });
  });

  it("a shadow given in the scenario exists before any traffic, for a lab's untimed commands", () => {
    const loaded = loadScenarioText('duration: 5s\niot:\n  shadows:\n    - {thing: lamp, desired: {led: on}}\n', 'early.yaml');
    if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
    let answer: unknown;
    runScenario(loaded.spec, { setup: ({ dispatcher }) => void (answer = dispatcher.execute('aws iot-data get-thing-shadow --thing-name lamp out.json')) });
    expect(answer).toMatchObject({ ok: true, response: { state: { desired: { led: 'on' } }, version: 1 } });
  });

  it('the loader refuses a subscriber named like a device and an offline window that ends before it starts', () => {
    const r = loadScenarioText(`
duration: 10s
iot:
  subscribers: [{name: lamp, filter: 'a/#'}]
  shadows:
    - {thing: lamp, device: {offline: [{from: 5s, to: 2s}]}}
`, 'bad.yaml');
    expect(r.ok).toBe(false);
    const text = r.ok ? '' : r.problems.map(formatProblem).join('\n');
    expect(text).toMatch(/subscriber "lamp" has the name of a shadow's device/);
    expect(text).toMatch(/to must come after from/);
  });
});
