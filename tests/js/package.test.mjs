// The JS API as an npm package: `npm pack dist-api` makes a tarball that a JavaScript project
// installs (offline, from the file) and imports by name, in Node and through a bundler (esbuild).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const project = mkdtempSync(join(tmpdir(), 'ratecard-package-'));
const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--offline'], { cwd, encoding: 'utf8' });

// seed 002, Pay as You Go example 1: (10,000 - 50) x 0.08 = 796 USD.
const SEED_002 = { lines: [{ provider: 'hunyuan-image-global', model: 'Image Style Transfer', images: 10000, free_remaining: 50 }] };

test('the package installs from its tarball and imports by name in Node', () => {
  const packed = npm(['pack', resolve(ROOT, 'dist-api'), '--pack-destination', project], ROOT).trim().split('\n').at(-1);
  const pkg = JSON.parse(readFileSync(resolve(ROOT, 'dist-api', 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'ratecard-api');
  assert.equal(pkg.exports['.'].types, './ratecard-api.d.ts');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'shop', private: true, type: 'module' }));
  npm(['install', join(project, packed)], project);
  assert.ok(readdirSync(join(project, 'node_modules', 'ratecard-api')).includes('ratecard-api_bg.wasm'));
  writeFileSync(
    join(project, 'main.js'),
    `import { quote, estimateTokens } from 'ratecard-api';
     const b = quote(${JSON.stringify(SEED_002)});
     console.log(JSON.stringify({ total: b.total, currency: b.currency, tokens: typeof estimateTokens }));`,
  );
  const out = JSON.parse(execFileSync('node', ['main.js'], { cwd: project, encoding: 'utf8' }));
  assert.deepEqual(out, { total: '796.00', currency: 'USD', tokens: 'function' });
});

test('a bundler resolves the package and its wasm, and the bundle prices after init', () => {
  writeFileSync(
    join(project, 'app.js'),
    `import init, { quote } from 'ratecard-api';
     export async function run(bytes) { await init({ module_or_path: bytes }); return quote(${JSON.stringify(SEED_002)}).total; }`,
  );
  const esbuild = resolve(ROOT, 'node_modules', '.bin', 'esbuild');
  execFileSync(esbuild, ['app.js', '--bundle', '--format=esm', '--platform=browser', '--outfile=bundle.js'], { cwd: project });
  const bundle = readFileSync(join(project, 'bundle.js'), 'utf8');
  assert.ok(bundle.includes('ratecard-api_bg.wasm'), 'the bundle still finds the wasm beside it');
  writeFileSync(
    join(project, 'run.mjs'),
    `import { readFileSync } from 'node:fs';
     const { run } = await import('./bundle.js');
     console.log(await run(readFileSync('node_modules/ratecard-api/ratecard-api_bg.wasm')));`,
  );
  assert.equal(execFileSync('node', ['run.mjs'], { cwd: project, encoding: 'utf8' }).trim(), '796.00');
});
