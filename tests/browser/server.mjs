// Tiny static file server for dist/, bound to 127.0.0.1 on a free port.
// Usage: const srv = await serveDir(dir); srv.origin; await srv.close();
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

// `headers` are added to every response (e.g. a Content-Security-Policy); `setRoot(dir)`
// switches the served directory (a "new deployment" at the same origin).
export async function serveDir(dir, { host = '127.0.0.1', port = 0, headers = {} } = {}) {
  let root = resolve(dir);
  const requests = [];
  const server = createServer(async (req, res) => {
    requests.push(req.url);
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        ...headers,
      });
      res.end(body);
    } catch (err) {
      res.writeHead(err.code === 'ENOENT' || err.code === 'ENOTDIR' ? 404 : 500, { 'content-type': 'text/plain' });
      res.end(String(err.code ?? err));
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, ok);
  });
  const { port: actual } = server.address();
  return {
    origin: `http://${host}:${actual}`,
    requests,
    setRoot: (d) => {
      root = resolve(d);
    },
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

// `node tests/browser/server.mjs [dir] [port]` serves by hand (default dist/ on a free port).
if (import.meta.url === `file://${process.argv[1]}`) {
  const srv = await serveDir(process.argv[2] ?? 'dist', { port: Number(process.argv[3] ?? 0) });
  console.log(`serving ${process.argv[2] ?? 'dist'} at ${srv.origin}/`);
}
