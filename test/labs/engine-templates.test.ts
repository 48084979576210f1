import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLab } from '../../src/labs/parse.js';
import { runLab } from '../../src/labs/run.js';

// A lab scenario holds the engine's own `${…}` templates (IoT topics, payload fields, rule
// actions) beside the `${settings.NAME}` placeholders: lint leaves the first to the engine and
// still catches a mistyped placeholder; a choice whose options are templates fills them in.

const SETTINGS = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'labs', 'right-size.md'), 'utf8');

const IOT_SCENARIO = `\`\`\`yaml scenario
seed: 7
duration: 5s
kinesis:
  streams:
    - {name: orders, shards: \${settings.shards}}
iot:
  devices:
    - {name: sensor, count: 20, topic: 'sensors/\${thing}/telemetry', rate: 1/s, payload: {id: '\${thing}'}}
  rules:
    - name: route
      sql: "SELECT * FROM 'sensors/+/telemetry'"
      actions:
        - kinesis: {stream: orders, partitionKey: '\${settings.key}'}
\`\`\``;

function withIot(text: string): string {
  const start = text.indexOf('```yaml scenario');
  const end = text.indexOf('```', start + 3) + 3;
  const settingsEnd = text.indexOf('```', text.indexOf('```yaml settings') + 3);
  const withKey = `${text.slice(0, settingsEnd)}key:\n  type: choice\n  options: ['\${topic(2)}', constant]\n  default: constant\n${text.slice(settingsEnd)}`;
  const shift = withKey.length - text.length;
  return withKey.slice(0, start + shift) + IOT_SCENARIO + withKey.slice(end + shift);
}

function codes(text: string): string[] {
  return parseLab('labs/t.md', text).diagnostics.map((d) => `${d.code} ${d.message}`);
}

describe('engine templates in a lab scenario', () => {
  it('${thing} and a template chosen in a setting lint clean', () => {
    expect(codes(withIot(SETTINGS)).filter((c) => /^L012|^L009/.test(c))).toEqual([]);
  });

  it('a ${setting.x} or a bare setting name is still a mistyped placeholder (L012)', () => {
    expect(codes(withIot(SETTINGS).replace("partitionKey: '${settings.key}'", "partitionKey: '${setting.key}'"))).toContainEqual(expect.stringMatching(/^L012 "\$\{setting.key\}" is not a placeholder/));
    expect(codes(withIot(SETTINGS).replace("partitionKey: '${settings.key}'", "partitionKey: '${key}'"))).toContainEqual(expect.stringMatching(/^L012 "\$\{key\}" is not a placeholder/));
  });

  it('the chosen template reaches the engine: per-device keys spread, a constant does not', async () => {
    const lab = parseLab('labs/t.md', withIot(SETTINGS)).lab!;
    const shards = async (key: string) => {
      const out = await runLab(lab, { kind: 'settings', values: new Map<string, string | number | boolean>([['shards', 2], ['key', key]]) });
      if (!out.ok) throw new Error(JSON.stringify(out.problems));
      const streams = out.result.metrics!.streams as Record<string, { shards: Record<string, { recordsIn: number }> }>;
      return Object.values(streams.orders!.shards).map((s) => s.recordsIn);
    };
    expect((await shards('${topic(2)}')).every((n) => n > 0)).toBe(true);
    expect((await shards('constant')).filter((n) => n > 0)).toHaveLength(1);
  });
});
