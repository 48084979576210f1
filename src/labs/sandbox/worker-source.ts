// The worker's program, as source text run with `new Worker(WORKER_SOURCE, { eval: true })`: it
// needs no file of its own, so it works the same from the bundled CLI (dist/shardlab.js) and
// from the TypeScript sources under vitest.
//
// The worker gives the limits (its own heap, killed from outside at the time limit); the
// node:vm context inside it gives the isolation. The context is made from a null-prototype
// object and nothing of the worker's realm is ever put into it: every object the learner's code
// can reach (module, require, console, the call arguments) is created by code running in the
// context, and only strings cross back. With a host object inside, `x.constructor.constructor`
// would be the worker's Function, whose code could reach `process`; with none, it is the
// context's Function, and code generation from strings is off in the context.
//
// Messages to the parent: {type: 'start'} just before the learner's code first runs (the time
// limit counts from here), then one of {type: 'load', error}, {type: 'missing-export', exports},
// {type: 'done', outcomes}. Errors are {name, message, stack} strings; the parent maps the stack
// to the learner's file through the source map.

/**
 * Runs in the vm context before the learner's module. Everything it makes is the context's own.
 * Names a lab module might reach for and must not have (process, require, fetch, timers) are
 * defined to throw a clear refusal instead of "is not defined", and locked so they cannot be
 * replaced. Only strings leave: __shardlabExports, __shardlabResult and __shardlabDescribe
 * answer with JSON text.
 */
export const PRELUDE = String.raw`
(function (g) {
  'use strict';
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const toText = String;
  const keysOf = Object.keys;
  const define = Object.defineProperty;
  const freeze = Object.freeze;
  const apply = Reflect.apply;
  const resolve = Promise.resolve.bind(Promise);
  const then = Promise.prototype.then;
  const fromCharCode = String.fromCharCode;
  const NO_ACCESS = 'a lab module runs with no file, network or process access: compute the answer from the arguments';
  const refused = (what, hint) => new Error(what + ' is refused: ' + NO_ACCESS + (hint ? ' (' + hint + ')' : ''));
  const lock = (name, value) => define(g, name, { value: value, writable: false, enumerable: false, configurable: false });
  const refuse = (name, hint) => define(g, name, { get() { throw refused(name, hint); }, enumerable: false, configurable: false });

  lock('require', freeze(function require(id) { throw refused('require(' + stringify(toText(id)) + ')'); }));
  for (const name of ['process', 'global', 'fetch', 'XMLHttpRequest', 'WebSocket', 'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'SharedArrayBuffer', 'Atomics', 'WebAssembly']) refuse(name);
  refuse('Buffer', 'decode base64 with atob(text) and encode with btoa(text)');
  const noop = function () {};
  lock('console', freeze({ log: noop, info: noop, warn: noop, error: noop, debug: noop, trace: noop, dir: noop, table: noop }));
  // A stack formatter of the learner's would see call sites; the stack must stay plain text.
  define(Error, 'prepareStackTrace', { value: undefined, writable: false, enumerable: false, configurable: false });

  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  lock('btoa', freeze(function btoa(input) {
    const s = toText(input);
    let out = '';
    for (let i = 0; i < s.length; i += 3) {
      const n = s.length - i;
      const a = s.charCodeAt(i), b = n > 1 ? s.charCodeAt(i + 1) : 0, c = n > 2 ? s.charCodeAt(i + 2) : 0;
      if (a > 255 || b > 255 || c > 255) throw new Error('btoa: the text has characters outside Latin-1; encode them as UTF-8 first: btoa(unescape(encodeURIComponent(text)))');
      const t = (a << 16) | (b << 8) | c;
      out += B64[(t >> 18) & 63] + B64[(t >> 12) & 63] + (n > 1 ? B64[(t >> 6) & 63] : '=') + (n > 2 ? B64[t & 63] : '=');
    }
    return out;
  }));
  lock('atob', freeze(function atob(input) {
    const s = toText(input).replace(/[\t\n\f\r ]/g, '').replace(/=+$/, '');
    let out = '';
    let bits = 0;
    let value = 0;
    for (const ch of s) {
      const d = B64.indexOf(ch);
      if (d < 0) throw new Error('atob: the text is not base64');
      value = ((value << 6) | d) & 0xffffff;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out += fromCharCode((value >> bits) & 255);
      }
    }
    return out;
  }));

  const module = { exports: {} };
  g.module = module;
  g.exports = module.exports;

  function describe(x) {
    if (x !== null && (typeof x === 'object' || typeof x === 'function')) {
      let name = 'Error', message = '', stack = '';
      try { name = toText(x.name); } catch (e) {}
      try { message = toText(x.message); } catch (e) {}
      try { stack = typeof x.stack === 'string' ? x.stack : ''; } catch (e) {}
      return { name: name, message: message, stack: stack };
    }
    let shown;
    try { shown = typeof x === 'string' ? stringify(x) : toText(x); } catch (e) { shown = typeof x; }
    return { name: '', message: 'threw ' + shown + ' (throw an Error to get the line)', stack: '' };
  }
  lock('__shardlabDescribe', (x) => stringify(describe(x)));

  lock('__shardlabExports', function (name) {
    const exported = g.module && g.module.exports;
    if (exported != null && typeof exported[name] === 'function') return true;
    let names = [];
    try { names = exported != null && typeof exported === 'object' ? keysOf(exported) : []; } catch (e) {}
    return stringify(names);
  });

  let result = null;
  lock('__shardlabResult', () => result);
  lock('__shardlabRun', function (name, callsJson) {
    const fn = g.module.exports[name];
    const calls = parse(callsJson);
    const out = [];
    let i = 0;
    const settle = (v) => {
      let json;
      try { json = stringify(v); } catch (e) {
        const d = describe(e);
        out.push({ ok: false, error: { name: d.name, message: 'the answer cannot be sent as JSON: ' + d.message, stack: '' } });
        return;
      }
      out.push(json === undefined ? { ok: true } : { ok: true, json: json });
    };
    const fail = (e) => out.push({ ok: false, error: describe(e) });
    const step = () => {
      while (i < calls.length) {
        const args = calls[i++];
        let v, thenable = false;
        try {
          v = apply(fn, undefined, args);
          thenable = v !== null && typeof v === 'object' && typeof v.then === 'function';
        } catch (e) { fail(e); continue; }
        if (thenable) {
          // An async hook: wait for its answer, then go on with the next call, in order.
          let p;
          try { p = resolve(v); } catch (e) { fail(e); continue; }
          apply(then, p, [(x) => { settle(x); step(); }, (e) => { fail(e); step(); }]);
          return;
        }
        settle(v);
      }
      result = stringify(out);
    };
    step();
  });
})(globalThis);
`;

export const WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const vm = require('node:vm');
const { js, file, exportName, callsJson } = workerData;

const sandbox = Object.create(null);
const context = vm.createContext(sandbox, { name: 'shardlab lab', codeGeneration: { strings: false, wasm: false } });

// Runs in the context before the learner's module: defines what the module may use and the
// driver that makes the calls, both from the context's own objects.
const PRELUDE = ${JSON.stringify(PRELUDE)};
new vm.Script(PRELUDE, { filename: 'shardlab-sandbox' }).runInContext(context);

function describe(thrown) {
  sandbox.__shardlabThrown = thrown;
  const text = new vm.Script('__shardlabDescribe(__shardlabThrown)', { filename: 'shardlab-sandbox' }).runInContext(context);
  sandbox.__shardlabThrown = undefined;
  return typeof text === 'string' ? JSON.parse(text) : { name: 'Error', message: 'an error that could not be read', stack: '' };
}

parentPort.postMessage({ type: 'start' });
try {
  new vm.Script(js, { filename: file }).runInContext(context);
} catch (thrown) {
  parentPort.postMessage({ type: 'load', error: describe(thrown) });
  process.exit(0);
}
const exported = new vm.Script('__shardlabExports(' + JSON.stringify(exportName) + ')', { filename: 'shardlab-sandbox' }).runInContext(context);
if (typeof exported === 'string') {
  parentPort.postMessage({ type: 'missing-export', exports: JSON.parse(exported) });
  process.exit(0);
}
sandbox.__shardlabCalls = callsJson;
new vm.Script('__shardlabRun(' + JSON.stringify(exportName) + ', __shardlabCalls)', { filename: 'shardlab-sandbox' }).runInContext(context);

// Calls may return promises (an async handler): the driver settles them in the context, and
// this side only looks at a string it leaves behind, so no function of the worker's realm is
// ever handed to the learner's promises. An endless chain is ended by the parent's time limit.
function poll() {
  const result = new vm.Script('__shardlabResult()', { filename: 'shardlab-sandbox' }).runInContext(context);
  if (typeof result === 'string') {
    parentPort.postMessage({ type: 'done', outcomes: JSON.parse(result) });
    process.exit(0);
  }
  setImmediate(poll);
}
poll();
`;
