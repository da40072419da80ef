// bench/lib/web-server: the site under test, in its own process (so the load generator and
// the server each get a core), configured as `newsdesk serve` runs it: the store on the
// given SQLite file, default options (no story engine in the process), a free port on
// 127.0.0.1. Prints one JSON line {"url": …} when it listens; stops on SIGTERM/SIGINT.
// Over the IPC channel (when started with one) it answers "cpu" with its CPU time in µs,
// so the bench can say how much server time a request costs whatever else the machine runs.
//
//   node --import tsx bench/lib/web-server.ts <database file>
import { DEFAULT_CONFIG } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { openStore } from '../../src/store/index.ts';
import { startWebServer } from '../../src/web/index.ts';

const database = process.argv[2];
if (!database) {
  process.stderr.write('usage: node --import tsx bench/lib/web-server.ts <database file>\n');
  process.exit(2);
}
const store = await openStore({ url: database });
const log = createLogger({ level: 'warn' });
const server = await startWebServer({ store, config: structuredClone(DEFAULT_CONFIG), log, port: 0, host: '127.0.0.1' });
process.stdout.write(JSON.stringify({ url: server.url }) + '\n');

process.on('message', (m) => {
  if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
});

const stop = async () => {
  await server.close().catch(() => undefined);
  process.disconnect?.();
  await store.close();
  // Let --cpu-prof write its profile on the way out.
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
