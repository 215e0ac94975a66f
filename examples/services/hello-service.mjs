// A tiny HTTP service for chaos demos and tests: GET /health answers {"status":"ok"}, GET / says
// hello. Plain JavaScript so any Node 18+ runs it. Listens on 127.0.0.1 only.
//   node hello-service.mjs [port] [--pidfile FILE]   (port 0 picks a free one; the first line
//   on stdout is "listening on http://127.0.0.1:PORT pid PID")
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';

const args = process.argv.slice(2);
const pidfileAt = args.indexOf('--pidfile');
const pidfile = pidfileAt >= 0 ? args[pidfileAt + 1] : undefined;
const port = Number(args.find((a, i) => /^\d+$/.test(a) && i !== pidfileAt + 1) ?? 8089);

const server = createServer((req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'ok', pid: process.pid }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('hello from the faultline demo service\n');
});

server.listen(port, '127.0.0.1', () => {
  if (pidfile) writeFileSync(pidfile, `${process.pid}\n`);
  console.log(`listening on http://127.0.0.1:${server.address().port} pid ${process.pid}`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
