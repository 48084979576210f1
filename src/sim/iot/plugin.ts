import { Simulation } from '../core/simulation.js';
import { EnhancedFanOut } from '../kinesis/efo.js';
import { AwsError } from '../kinesis/errors.js';
import { KinesisService } from '../kinesis/service.js';
import type { ServicePlugin } from '../plugins.js';
import type { World } from '../world.js';
import { scenarioActionJson } from './actions.js';
import { iotCommandTable, iotDataCommandTable } from './commands.js';
import { deviceTopic, groupThings, thingNames } from './fleet.js';
import { IotService } from './service.js';
import { iotSpec, type IotSpec, type RuleActionSpec } from './spec.js';
import { filterProblem, publishTopicProblem, shadowPrefix } from './topics.js';

// IoT Core as an engine plug-in: the scenario's `iot:` section builds the registry, policies,
// rules, subscribers, shadows and device fleet; `aws iot …` and `aws iot-data …` drive the same
// service; its metrics go under `iot`.

type Path = (string | number)[];

/** Builds the service from the section; traffic and timed updates wait for start(). */
function build(world: World, spec: IotSpec): IotService {
  const iot = new IotService(world);
  for (const t of spec.things) {
    if (typeof t === 'string') iot.createThing(t);
    else iot.createThing(t.name, t.attributes);
  }
  if (spec.fleet) for (const name of thingNames(spec.fleet.prefix, spec.fleet.count)) iot.createThing(name);
  for (const p of spec.policies) iot.createPolicy(p.name, p.document);
  for (const r of spec.rules) {
    for (const a of [...r.actions, ...(r.errorAction ? [r.errorAction] : [])]) {
      if ('lambda' in a) iot.declareFunction(a.lambda.function, a.lambda.duration);
    }
    iot.createTopicRule(r.name, {
      sql: r.sql,
      description: r.description ?? '',
      actions: r.actions.map((a) => scenarioActionJson(a as Record<string, Record<string, unknown>>)),
      ...(r.errorAction ? { errorAction: scenarioActionJson(r.errorAction as Record<string, Record<string, unknown>>) } : {}),
      ruleDisabled: r.disabled,
      awsIotSqlVersion: r.sqlVersion,
    });
  }
  for (const g of spec.devices) iot.addDeviceGroup(g);
  // Shadows exist from time 0, before a lab's untimed console commands run.
  for (const sh of spec.shadows) {
    if (sh.desired === undefined && sh.reported === undefined) continue;
    const state: Record<string, unknown> = {};
    if (sh.desired !== undefined) state.desired = sh.desired;
    if (sh.reported !== undefined) state.reported = sh.reported;
    iot.shadows.update(sh.thing, sh.name ?? null, JSON.stringify({ state }), 'http');
  }
  return iot;
}

function start(iot: IotService, spec: IotSpec): void {
  const sim = iot.sim;
  for (const s of spec.subscribers) {
    const subscribe = () => void iot.subscribe(s.name, s.filter, s.thing ?? null);
    if (s.at <= sim.now) subscribe();
    else sim.at(s.at, `iot:subscribe:${s.name}`, subscribe);
  }
  for (const sh of spec.shadows) {
    const name = sh.name ?? null;
    const device = sh.device ? iot.addShadowDevice(sh.thing, name, sh.device) : null;
    device?.start();
    const topic = `${shadowPrefix(sh.thing, name)}/update`;
    sh.updates.forEach((u, i) => {
      const request: Record<string, unknown> = { state: { ...(u.desired !== undefined ? { desired: u.desired } : {}), ...(u.reported !== undefined ? { reported: u.reported } : {}) } };
      if (u.version !== undefined) request.version = u.version;
      if (u.clientToken !== undefined) request.clientToken = u.clientToken;
      // The device (or an app acting for it) publishes the request on the shadow's update topic.
      sim.at(Math.max(u.at, sim.now), `iot:shadow:${sh.thing}:${i}`, () => {
        if (device && !device.mayPublish(sim.now)) return;
        iot.broker.publish({ clientId: sh.thing, thing: sh.thing }, topic, JSON.stringify(request), undefined, 1, false);
      });
    });
  }
  for (const g of iot.groups) iot.startDeviceGroup(g);
}

function check(spec: IotSpec, scenario: { streams: string[]; sections: Record<string, unknown> }): { path: Path; message: string }[] {
  const problems: { path: Path; message: string }[] = [];
  const error = (path: Path, message: string) => problems.push({ path, message });
  const duplicates = (names: string[], path: (i: number) => Path, what: string) => {
    const seen = new Set<string>();
    names.forEach((n, i) => {
      if (seen.has(n)) error(path(i), `${what} "${n}" is defined twice`);
      seen.add(n);
    });
  };

  // Things: every name once across `things`, `fleet` and the device groups.
  const owners = new Map<string, Path>();
  const claim = (name: string, path: Path) => {
    if (owners.has(name)) error(path, `thing "${name}" is already registered (by ${owners.get(name)!.join('.')})`);
    else owners.set(name, path);
  };
  spec.things.forEach((t, i) => claim(typeof t === 'string' ? t : t.name, ['things', i]));
  if (spec.fleet) for (const n of thingNames(spec.fleet.prefix, spec.fleet.count)) claim(n, ['fleet']);
  spec.devices.forEach((g, i) => {
    // A group defined twice is reported as such below, not thing by thing.
    if (spec.devices.findIndex((o) => o.name === g.name) !== i) return;
    for (const n of groupThings(g)) {
      if (owners.has(n)) {
        claim(n, ['devices', i, 'name']);
        break;
      }
      owners.set(n, ['devices', i]);
    }
  });

  // Rules: the service's own checks (SQL, actions) on a scratch copy, then names of streams and queues.
  const sim = new Simulation({ seed: 0 });
  const kinesis = new KinesisService(sim);
  const scratch = new IotService({ sim, kinesis, efo: new EnhancedFanOut(sim, kinesis), services: new Map() });
  duplicates(spec.rules.map((r) => r.name), (i) => ['rules', i, 'name'], 'rule');
  const queues = namesIn(scenario.sections.sqs, 'queues');
  const deliveryStreams = namesIn(scenario.sections.firehose, 'deliveryStreams');
  spec.rules.forEach((r, i) => {
    try {
      scratch.createTopicRule(`${r.name}`, {
        sql: r.sql,
        actions: r.actions.map((a) => scenarioActionJson(a as Record<string, Record<string, unknown>>)),
        ...(r.errorAction ? { errorAction: scenarioActionJson(r.errorAction as Record<string, Record<string, unknown>>) } : {}),
        awsIotSqlVersion: r.sqlVersion,
      }, true);
    } catch (e) {
      if (!(e instanceof AwsError)) throw e;
      if (e.code === 'SqlParseException') error(['rules', i, 'sql'], `SQL does not parse: ${e.message}`);
      else error(['rules', i, ...actionPath(e.message)], e.message.replace(/^topicRulePayload\.[\w.]+: /, ''));
    }
    const targets: [RuleActionSpec, Path][] = r.actions.map((a, j) => [a, ['rules', i, 'actions', j]]);
    if (r.errorAction) targets.push([r.errorAction, ['rules', i, 'errorAction']]);
    for (const [a, path] of targets) {
      if ('kinesis' in a && !scenario.streams.includes(a.kinesis.stream)) error([...path, 'kinesis', 'stream'], `stream "${a.kinesis.stream}" is not defined under kinesis.streams`);
      if ('sqs' in a && queues && !queues.includes(a.sqs.queue)) error([...path, 'sqs', 'queue'], `queue "${a.sqs.queue}" is not defined under sqs.queues`);
      if ('sqs' in a && !queues) error([...path, 'sqs', 'queue'], `queue "${a.sqs.queue}": the scenario has no sqs section`);
      if ('firehose' in a && deliveryStreams && !deliveryStreams.includes(a.firehose.deliveryStream)) error([...path, 'firehose', 'deliveryStream'], `Firehose stream "${a.firehose.deliveryStream}" is not defined in the firehose section`);
      if ('firehose' in a && !deliveryStreams) error([...path, 'firehose', 'deliveryStream'], `Firehose stream "${a.firehose.deliveryStream}": the scenario has no firehose section`);
      if ('republish' in a && !a.republish.topic.includes('${')) {
        const problem = publishTopicProblem(a.republish.topic);
        if (problem) error([...path, 'republish', 'topic'], problem);
      }
    }
  });

  const rules = new Set(spec.rules.map((r) => r.name));
  duplicates(spec.devices.map((g) => g.name), (i) => ['devices', i, 'name'], 'device group');
  spec.devices.forEach((g, i) => {
    if (g.basicIngest !== undefined && !rules.has(g.basicIngest)) error(['devices', i, 'basicIngest'], `rule "${g.basicIngest}" is not defined under iot.rules`);
    const first = groupThings({ ...g, count: Math.min(g.count, 1) })[0]!;
    const problem = publishTopicProblem(deviceTopic(g.topic, first, g.name, g.basicIngest));
    if (problem) error(['devices', i, 'topic'], problem);
    if (g.stop !== undefined && g.stop <= g.start) error(['devices', i, 'stop'], 'stop must come after start');
  });

  duplicates(spec.subscribers.map((s) => s.name), (i) => ['subscribers', i, 'name'], 'subscriber');
  // A shadow's device is a subscriber named after its shadow; the metrics key them by name.
  const deviceClients = new Set(spec.shadows.filter((sh) => sh.device).map((sh) => (sh.name ? `${sh.thing}/${sh.name}` : sh.thing)));
  spec.subscribers.forEach((s, i) => {
    if (deviceClients.has(s.name)) error(['subscribers', i, 'name'], `subscriber "${s.name}" has the name of a shadow's device, which subscribes under that name`);
  });
  spec.shadows.forEach((sh, i) => {
    for (const [j, w] of (sh.device?.offline ?? []).entries()) if (w.to <= w.from) error(['shadows', i, 'device', 'offline', j, 'to'], 'to must come after from');
  });
  spec.subscribers.forEach((s, i) => {
    const problem = filterProblem(s.filter) ?? (s.filter.startsWith('$aws/rules/') ? 'Basic Ingest topics cannot be subscribed to' : null);
    if (problem) error(['subscribers', i, 'filter'], problem);
  });

  duplicates(spec.policies.map((p) => p.name), (i) => ['policies', i, 'name'], 'policy');
  spec.policies.forEach((p, i) => {
    try {
      scratch.createPolicy(`check-${i}`, p.document);
    } catch (e) {
      if (!(e instanceof AwsError)) throw e;
      error(['policies', i, 'document'], e.message);
    }
  });
  return problems;
}

/** Where in a rule a payload error points: `actions.3.member` is actions[2]. */
function actionPath(message: string): Path {
  const m = /topicRulePayload\.actions\.(\d+)\.member/.exec(message);
  if (m) return ['actions', Number(m[1]) - 1];
  return message.includes('topicRulePayload.errorAction') ? ['errorAction'] : ['actions'];
}

/** Names of a section's list (`sqs.queues[].name`), or null when the section is absent. */
function namesIn(section: unknown, list: string): string[] | null {
  if (typeof section !== 'object' || section === null) return null;
  const items = (section as Record<string, unknown>)[list];
  if (!Array.isArray(items)) return null;
  return items.map((q) => (typeof q === 'object' && q !== null ? String((q as Record<string, unknown>).name) : String(q)));
}

export const iotPlugin: ServicePlugin<IotSpec> = {
  key: 'iot',
  schema: iotSpec,
  order: 3,
  commands: iotCommandTable,
  moreCommands: [iotDataCommandTable],
  create(world, spec) {
    const iot = build(world, spec);
    world.services.set('iot', iot);
    return {
      commandContext: iot,
      start: () => start(iot, spec),
      metrics: () => iot.metrics(),
    };
  },
  check,
};
