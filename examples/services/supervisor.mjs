// Keeps hello-service.mjs running: when the service dies it is started again after 100 ms, the
// way systemd or Kubernetes would. The service's pid (not ours) goes to the pid file, so a
// process fault aimed at the pid file hits the service and the supervisor brings it back.
//   node supervisor.mjs PORT PIDFILE
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [port = '8089', pidfile] = process.argv.slice(2);
const service = fileURLToPath(new URL('./hello-service.mjs', import.meta.url));
let child;
let stopping = false;

function start() {
  child = spawn(process.execPath, [service, port, ...(pidfile ? ['--pidfile', pidfile] : [])], { stdio: 'inherit' });
  child.on('exit', () => {
    if (!stopping) setTimeout(start, 100);
  });
}

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    stopping = true;
    child?.kill('SIGCONT');
    child?.kill('SIGTERM');
    process.exit(0);
  });
}
start();
