// Fuzzes the JS API's arguments (dist-api/, built by scripts/build-api.sh): every export is called
// with random JS values of every type (huge strings, deep objects, NaN, -0, BigInt, symbols,
// functions, typed arrays, proxies and getters that throw, estimates with one field made strange)
// and must return, or throw an Error; a WebAssembly trap (RuntimeError), any other kind of throw
// from the API, or a call that takes over a second of CPU fails the run.
//
//   node tests/js/fuzz.mjs [--inputs N] [--seconds S] [--seed X]     (scripts/fuzz.sh runs it)
import { readFileSync } from 'node:fs';

const api = await import(new URL('../../dist-api/ratecard-api.js', import.meta.url));
api.initSync({ module: readFileSync(new URL('../../dist-api/ratecard-api_bg.wasm', import.meta.url)) });

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(String(process.argv[i + 1]).replaceAll(',', '')) : fallback;
};
const seconds = arg('--seconds', Infinity);
const inputs = arg('--inputs', Number.isFinite(seconds) ? Infinity : 1_000_000);
let seed = arg('--seed', Date.now() % 1e9) >>> 0 || 1;

// xorshift32: the same seed gives the same calls.
const next = () => { seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0; return seed; };
const below = (n) => next() % n;
const pick = (list) => list[below(list.length)];

/** An error a value of the caller throws (a proxy, a getter), which the API may let through. */
class HostError extends Error {}

const cards = api.catalog();
const estimates = [
  { lines: [{ provider: 'tencent-tokenhub', model: 'GLM-5', requests: 1000, input_tokens: 40000, output_tokens: 500 }] },
  { currency: 'USD', usd_cny: '7.2', discounts: { channel: 0.9 }, lines: [{ provider: 'gateway', model: 'FLUX1.1 [pro]', images: 10 }] },
  { lines: [{ provider: 'hunyuan-image-global', model: 'Image Style Transfer', images: 10000, free_remaining: 50, packages: [{ size: 10000, count: 1 }] }] },
];
const link = api.encodeLink(estimates[0], 'breakdown');
const texts = ['', ' ', 'null', '{}', '[]', '{"lines":[', JSON.stringify(estimates[1]), link, `#${link}`, '%', '%E0%A4%A',
  '\ud800', '\u0000', '\ufeff{}', '😀'.repeat(10), 'p=&m=&z=', 'csv', 'json', 'markdown', 'breakdown', '1e400', 'NaN'];

const numbers = [0, -0, 1, -1, 0.5, NaN, Infinity, -Infinity, 1e308, 5e-324, 2 ** 53 + 1, -(2 ** 31), 4294967296];

/** A value of a random type; `depth` bounds how far objects nest. */
function value(depth = 0) {
  switch (below(depth > 3 ? 9 : 16)) {
    case 0: return undefined;
    case 1: return null;
    case 2: return below(2) === 0;
    case 3: return pick(numbers);
    case 4: return pick([0n, -1n, 2n ** 200n]);
    case 5: return pick(texts);
    case 6: return String.fromCharCode(...Array.from({ length: below(40) }, () => below(0x10000)));
    case 7: return Symbol('s');
    case 8: return below(1000) === 0 ? 'x'.repeat(1 + below(6_000_000)) : pick([() => 1, class {}, Math.max]);
    case 9: return pick([new Uint8Array(below(16)), new Float64Array(2), new ArrayBuffer(8), new DataView(new ArrayBuffer(4)), new Date(0), /x/g, new Map([[1, 2]]), new Set([1]), Promise.resolve(1)]);
    case 10: return Array.from({ length: below(5) }, () => value(depth + 1));
    case 11: return Object.fromEntries(Array.from({ length: below(5) }, () => [pick(['lines', 'provider', 'model', 'requests', 'a', '', '__proto__']), value(depth + 1)]));
    case 12: { // Deep nesting.
      let v = {}; const n = below(4) === 0 ? below(20000) : below(200);
      for (let i = 0; i < n; i++) v = below(2) ? { a: v } : [v];
      return v;
    }
    case 13: return new Proxy({}, { get() { throw new HostError('get'); }, ownKeys() { throw new HostError('ownKeys'); }, has() { throw new HostError('has'); } });
    case 14: return Object.defineProperty({ lines: [] }, 'toJSON', { value() { throw new HostError('toJSON'); }, enumerable: false });
    default: return mutated(pick(estimates), depth);
  }
}

/** A copy of `doc` with one value somewhere replaced by a random value (or a key added). */
function mutated(doc, depth) {
  const copy = structuredClone(doc);
  let node = copy;
  for (let i = 0; i < 4 && node && typeof node === 'object'; i++) {
    const keys = Object.keys(node);
    if (keys.length === 0 || below(3) === 0) break;
    const key = pick(keys);
    if (below(2) === 0 || typeof node[key] !== 'object') { node[key] = value(depth + 1); return copy; }
    node = node[key];
  }
  if (node && typeof node === 'object') node[pick(['requests', 'images', 'extra', 'lines', 'usd_cny'])] = value(depth + 1);
  return copy;
}

/** The JSON text of `v`, or '' when it has none (a BigInt inside, say). */
const text = (v) => { try { return JSON.stringify(v) ?? ''; } catch { return ''; } };

const calls = [
  ['quote', () => [value()]],
  ['projectYear', () => [value()]],
  ['catalog', () => []],
  ['estimateTokens', () => [value()]],
  ['loadCatalog', () => [below(3) === 0 ? mutated(pick(cards).card, 1) : value(), value()]],
  ['encodeLink', () => [value(), value()]],
  ['decodeLink', () => [below(2) ? value() : link.slice(0, below(link.length)) + pick(texts)]],
  ['importEstimate', () => [value()]],
  ['packCatalog', () => [below(2) ? text(mutated(pick(cards).card, 1)) : value(), value()]],
  ['exportQuote', () => [value(), value(), value(), value()]],
];

const describe = (v) => {
  try { return typeof v === 'bigint' ? `${v}n` : typeof v === 'symbol' || typeof v === 'function' ? String(v) : JSON.stringify(v)?.slice(0, 300) ?? String(v); } catch { return Object.prototype.toString.call(v); }
};

const stats = new Map(calls.map(([name]) => [name, { n: 0, ms: 0 }]));
const begin = performance.now();
let run = 0;
let failure = null;
while (run < inputs && (performance.now() - begin) / 1000 < seconds && !failure) {
  const [name, make] = calls[run % calls.length];
  const args = make();
  const t = performance.now();
  const cpu = process.cpuUsage();
  try {
    api[name](...args);
  } catch (e) {
    const ours = e instanceof Error && e.constructor === Error && typeof e.message === 'string' && e.message.length > 0;
    if (!ours && !(e instanceof HostError)) failure = `${name}(${args.map(describe).join(', ')}) threw ${e?.constructor?.name}: ${e?.message ?? e}`;
  }
  const took = performance.now() - t;
  // CPU time, not wall time, which counts the time the process was not running too (it is niced,
  // on a busy machine).
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  if (cpuMs > 1000 && !failure) failure = `${name}(${args.map(describe).join(', ')}) took ${cpuMs.toFixed(0)} ms of CPU`;
  const s = stats.get(name);
  s.n += 1;
  s.ms += took;
  run += 1;
}
const secs = (performance.now() - begin) / 1000;
const n = (x) => Math.round(x).toLocaleString('en-US');
console.log(`  js api: ${n(run)} calls in ${secs.toFixed(1)} s, ${n(run / secs)} calls/s, ${failure ? 1 : 0} failures`);
for (const [name, s] of stats) console.log(`          ${name}: ${n(s.n)} calls, ${(s.ms / Math.max(s.n, 1)).toFixed(3)} ms each`);
if (failure) {
  console.error(`fuzz: js api: ${failure}`);
  process.exit(1);
}
