import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/ui/app.js';
import type { KeyBinding } from '../../src/ui/keys/bindings.js';
import { topEntry, type Router } from '../../src/ui/router/state.js';
import { defineScreen } from '../../src/ui/screens/definition.js';
import { type ScreenModel, eraseModel, withEffects } from '../../src/ui/screens/model.js';
import { createRouter } from '../../src/ui/screens/registry.js';
import type { TaskPort } from '../../src/ui/tasks.js';
import { Text } from 'ink';
import { useContext } from 'react';
import { NoticeContext } from '../../src/ui/components/notice-context.js';
import { fixtureIndex } from './fixtures.js';
import { driver, tick, waitFor } from './helpers.js';

// Tasks: a screen asks a port for work through an effect, and what the port reports comes back
// to that screen, even when another screen is on top by then.

interface Job {
  log: string[];
}
type JobAction = { type: 'start' } | { type: 'report'; text: string };

const jobKeys: KeyBinding<Job, JobAction>[] = [
  { keys: ['s'], help: 'Start', group: 'Job', action: () => ({ type: 'start' }) },
  { keys: ['o'], help: 'Open other', group: 'Job', action: () => ({ nav: 'open', screen: 'other' }) },
];

const job: ScreenModel<Job, JobAction> = {
  init: () => ({ log: [] }),
  reduce: (s, a) => (a.type === 'start' ? withEffects(s, { type: 'task', task: { port: 'echo', request: 'ping' } }) : { ...s, log: [...s.log, a.text] }),
  keys: jobKeys,
  resize: (s) => s,
};

const router: Router = {
  models: { home: eraseModel(job), other: eraseModel(job) },
  ctx: { index: fixtureIndex(), version: '1', menu: [] },
};

describe('screen tasks', () => {
  it('queues a task effect with the screen that asked for it', () => {
    const d = driver(router);
    d.keys('s');
    expect(d.state.effects).toEqual([{ seq: 1, screen: 'home', effect: { type: 'task', task: { port: 'echo', request: 'ping' } } }]);
  });

  it('delivers a report to the screen that asked, open under another one or parked', () => {
    const d = driver(router);
    d.keys('o');
    d.dispatch({ type: 'deliver', screen: 'home', action: { type: 'report', text: 'under' } });
    expect((d.state.stack[0]!.state as Job).log).toEqual(['under']);
    expect((topEntry(d.state).state as Job).log).toEqual([]);
    d.keys('escape');
    d.dispatch({ type: 'deliver', screen: 'other', action: { type: 'report', text: 'parked' } });
    expect((d.state.parked.other as Job).log).toEqual(['parked']);
  });

  it('drops a report for a screen that is neither open nor parked', () => {
    const d = driver(router);
    const before = d.state;
    d.dispatch({ type: 'deliver', screen: 'other', action: { type: 'report', text: 'lost' } });
    expect(d.state).toBe(before);
  });

  it('runs the port after drawing, feeds its reports back and cancels what still runs on quit', async () => {
    const requests: unknown[] = [];
    let cancelled = 0;
    const echo: TaskPort = (request, deliverTo) => {
      requests.push(request);
      deliverTo({ type: 'report', text: `got ${String(request)}` });
      const timer = setTimeout(() => deliverTo({ type: 'report', text: 'later' }), 10);
      return () => {
        clearTimeout(timer);
        cancelled += 1;
      };
    };
    const screen = defineScreen({
      id: 'home',
      title: 'Job',
      description: 'job',
      menu: false,
      model: job,
      View: ({ state }) => <Text>{`log: ${state.log.join(', ')}`}</Text>,
    });
    const app = render(<App router={createRouter(fixtureIndex(), '1', [screen])} color={false} ports={{ echo }} table={[screen]} />);
    await tick();
    app.stdin.write('s');
    await waitFor(() => expect(app.lastFrame()).toContain('log: got ping, later'));
    expect(requests).toEqual(['ping']);
    app.stdin.write('s');
    await waitFor(() => expect(app.lastFrame()).toContain('got ping, later, got ping'));
    app.unmount();
    expect(cancelled).toBe(2);
  });

  it('says so when no port of that name is available', async () => {
    const View = () => <Text>{`notice: ${useContext(NoticeContext)?.text ?? '-'}`}</Text>;
    const screen = defineScreen({ id: 'home', title: 'Job', description: 'job', menu: false, model: job, View });
    const app = render(<App router={createRouter(fixtureIndex(), '1', [screen])} color={false} table={[screen]} />);
    await tick();
    app.stdin.write('s');
    await waitFor(() => expect(app.lastFrame()).toContain('notice: echo is not available in this run'));
    app.unmount();
  });
});
