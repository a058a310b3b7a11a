// A tiny static server for dist/ on 127.0.0.1, used by the end-to-end tests.
// Usage: node e2e/server.mjs [dir] [port]  (port 0 picks a free one; the URL is printed).
// In tests, `serve(dir, port, { prefix, headers, pages })` serves `dir` under a path prefix (as a
// site that keeps the calculator in /tools/ratecard/ would), adds response headers (such as a
// Content-Security-Policy) and serves extra in-memory pages (host pages written by a test). With
// `{ brotli: true }` it compresses .wasm, .js and .css with brotli when the request accepts `br`,
// as a CDN would (the performance report's phone profile uses it).
import { createServer } from 'node:http';
import { brotliCompressSync, constants } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

const COMPRESSED = new Set(['.wasm', '.js', '.mjs', '.css']);

/**
 * Serves `dir` on 127.0.0.1:`port` under `prefix` (default `/`), with `headers` on every response
 * and `pages` (path under the prefix -> HTML text) served from memory; with `brotli`, .wasm, .js
 * and .css go out brotli-compressed (quality 11, compressed once and cached) to a request that
 * accepts `br`. Resolves to { url, close }, where `url` ends with the prefix.
 */
export function serve(dir, port = 0, { prefix = '/', headers = {}, pages = {}, brotli = false } = {}) {
  const root = resolve(dir);
  const cache = new Map();
  const compressed = (file, body) => {
    if (!cache.has(file)) {
      cache.set(file, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    }
    return cache.get(file);
  };
  const server = createServer(async (req, res) => {
    try {
      const full = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (!full.startsWith(prefix)) {
        res.writeHead(404, headers).end('not found');
        return;
      }
      const path = '/' + full.slice(prefix.length);
      if (pages[path] !== undefined) {
        res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store', ...headers });
        res.end(pages[path]);
        return;
      }
      let file = normalize(join(root, path));
      if (!file.startsWith(root)) {
        res.writeHead(403, headers).end();
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      let body = await readFile(file);
      const extra = {};
      if (brotli && COMPRESSED.has(extname(file)) && /\bbr\b/.test(req.headers['accept-encoding'] ?? '')) {
        body = compressed(file, body);
        extra['content-encoding'] = 'br';
        extra.vary = 'accept-encoding';
      }
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        'content-length': body.length,
        ...extra,
        ...headers,
      });
      res.end(body);
    } catch {
      res.writeHead(404, headers).end('not found');
    }
  });
  return new Promise((ok) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = server.address();
      ok({ url: `http://127.0.0.1:${p}${prefix}`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await serve(process.argv[2] ?? 'dist', Number(process.argv[3] ?? 0), {
    brotli: process.argv.includes('--brotli'),
  });
  console.log(url);
}
