import type { ServicePlugin } from '../plugins.js';
import { firehoseCommands } from './commands.js';
import { DirectPutProducer } from './producer.js';
import { s3apiCommands, s3Commands } from './s3-commands.js';
import { checkFirehose, configFromSpec } from './scenario.js';
import { FirehoseService } from './service.js';
import { firehoseSpec, type FirehoseSpec } from './spec.js';
import { DEFAULT_START_DATE, parseUtc } from '../core/calendar.js';

// The Firehose plug-in: the scenario's `firehose:` section, `aws firehose …` (and `aws s3 ls`,
// `aws s3api list-objects-v2` over the shared object store), the service registered in
// world.services as 'firehose', and its metrics under `firehose`.

export const firehosePlugin: ServicePlugin<FirehoseSpec> = {
  key: 'firehose',
  schema: firehoseSpec,
  order: 2,
  commands: firehoseCommands,
  moreCommands: [s3Commands, s3apiCommands],
  create(world, spec) {
    const service = new FirehoseService(world, parseUtc(spec.startDate) ?? parseUtc(DEFAULT_START_DATE)!);
    world.services.set('firehose', service);
    for (const ds of spec.deliveryStreams) service.create(configFromSpec(ds));
    spec.producers.forEach((p, i) => service.producers.push(new DirectPutProducer(world.sim, (name) => service.stream(name), p, i + 1)));
    return { commandContext: service, start: () => service.start(), metrics: () => service.metrics() };
  },
  check: (spec, scenario) => checkFirehose(spec, scenario),
};
