// A tiny static server for dist/ on 127.0.0.1, used by the end-to-end tests.
// Usage: node e2e/server.mjs [dir] [port]  (port 0 picks a free one; the URL is printed).
// In tests, `serve(dir, port, { prefix, headers, pages })` serves `dir` under a path prefix (as a
// site that keeps the calculator in /tools/ratecard/ would), adds response headers (such as a
// Content-Security-Policy) and serves extra in-memory pages (host pages written by a test).
import { createServer } from 'node:http';
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

/**
 * Serves `dir` on 127.0.0.1:`port` under `prefix` (default `/`), with `headers` on every response
 * and `pages` (path under the prefix -> HTML text) served from memory; resolves to { url, close },
 * where `url` ends with the prefix.
 */
export function serve(dir, port = 0, { prefix = '/', headers = {}, pages = {} } = {}) {
  const root = resolve(dir);
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
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
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
  const { url } = await serve(process.argv[2] ?? 'dist', Number(process.argv[3] ?? 0));
  console.log(url);
}
