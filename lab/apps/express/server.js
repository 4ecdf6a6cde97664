'use strict';
// The evidence lab's API in Express: ws, EJS, the cluster module, and its data layer from
// data-raw.js (node-postgres, the default) or data-orm.js (Sequelize), chosen by DATA_ACCESS.
const cluster = require('node:cluster');

const PORT = Number(process.env.PORT || 8080);
const WORKERS = Math.max(1, Number(process.env.WORKERS || 1));
const DB_POOL = Math.max(1, Number(process.env.DB_POOL || 10));

if (cluster.isPrimary && WORKERS > 1) {
  // The primary relays WebSocket messages between workers, so one room spans all of them.
  const workers = [];
  for (let i = 0; i < WORKERS; i++) workers.push(cluster.fork());
  for (const w of workers) {
    w.on('message', (msg) => {
      if (msg && msg.type === 'ws') for (const other of workers) other.send(msg);
    });
  }
  // One line per worker once it accepts connections: whoever started the app can wait for all.
  let listening = 0;
  cluster.on('listening', (worker) => {
    listening += 1;
    console.log(`worker ${worker.process.pid} listening (${listening} of ${WORKERS})`);
  });
  process.on('SIGTERM', () => { for (const w of workers) w.kill('SIGTERM'); process.exit(0); });
} else {
  startWorker();
}

function startWorker() {
  const express = require('express');
  const { WebSocketServer } = require('ws');
  const makeData = process.env.DATA_ACCESS === 'orm' ? require('./data-orm') : require('./data-raw');
  const data = makeData(process.env.DATABASE_URL, DB_POOL);

  const app = express();
  app.disable('x-powered-by');
  app.set('view engine', 'ejs');
  // Express sends no Server header; TechEmpower requires one on every response (its own Express
  // app names itself the same way).
  app.use((req, res, next) => { res.set('Server', 'Express'); next(); });
  app.set('views', __dirname + '/views');

  const randomId = () => 1 + Math.floor(Math.random() * 10000);
  const count = (q) => {
    const n = parseInt(q, 10);
    if (Number.isNaN(n) || n < 1) return 1;
    return Math.min(n, 500);
  };
  const readRow = (id) => data.readRow(id);

  app.get('/json', (req, res) => res.json({ message: 'Hello, World!' }));
  app.get('/plaintext', (req, res) => res.type('text/plain').send('Hello, World!'));
  app.get('/db', async (req, res, next) => {
    try { res.json(await readRow(randomId())); } catch (e) { next(e); }
  });
  app.get('/queries', async (req, res, next) => {
    try {
      const n = count(req.query.queries);
      res.json(await Promise.all(Array.from({ length: n }, () => readRow(randomId()))));
    } catch (e) { next(e); }
  });
  app.get('/updates', async (req, res, next) => {
    try {
      const n = count(req.query.queries);
      const rows = await Promise.all(Array.from({ length: n }, () => readRow(randomId())));
      for (const row of rows) row.randomNumber = randomId();
      // Every drawn row is written, an id drawn twice included (README: transaction scope).
      await data.writeRows(rows);
      res.json(rows);
    } catch (e) { next(e); }
  });
  app.get('/fortunes', async (req, res, next) => {
    try {
      const rows = await data.fortunes();
      rows.push({ id: 0, message: 'Additional fortune added at request time.' });
      rows.sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
      res.set('Content-Type', 'text/html; charset=utf-8');
      res.render('fortunes', { fortunes: rows });
    } catch (e) { next(e); }
  });
  app.get('/saas/dashboard', async (req, res, next) => {
    try {
      const auth = req.get('authorization') || '';
      const key = auth.startsWith('Bearer ') ? auth.slice(7) : '';
      const account = key && (await data.account(key));
      if (!account) return res.status(401).json({ error: 'unauthorized' });
      const [totals, latest] = await Promise.all([data.totals(account.id), data.latest(account.id)]);
      res.json({ account: { id: account.id, name: account.name }, totals, latest });
    } catch (e) { next(e); }
  });
  app.get('/upstream', async (req, res) => {
    const started = process.hrtime.bigint();
    try {
      const body = await getJson(process.env.UPSTREAM_URL, 2000);
      res.json({ upstream: body, elapsed_ms: Number(process.hrtime.bigint() - started) / 1e6 });
    } catch (e) {
      res.status(502).json({ error: 'upstream failed' });
    }
  });
  app.use((req, res) => res.status(404).json({ error: 'not found' }));
  app.use((err, req, res, next) => { console.error(err); res.status(500).json({ error: 'server error' }); });

  const server = app.listen(PORT, process.env.HOST || '127.0.0.1');
  const wss = new WebSocketServer({ server, path: '/ws' });
  const broadcastLocal = (text) => { for (const c of wss.clients) if (c.readyState === 1) c.send(text); };
  wss.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const text = data.toString();
      if (cluster.isWorker) process.send({ type: 'ws', text });
      else broadcastLocal(text);
    });
  });
  if (cluster.isWorker) process.on('message', (msg) => { if (msg && msg.type === 'ws') broadcastLocal(msg.text); });
}

// Node's global fetch (undici) keeps a pool of keep-alive connections per origin, shared by every
// request of the process; AbortSignal.timeout bounds the whole exchange, body included.
async function getJson(url, timeoutMs) {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`status ${res.status}`);
  return res.json();
}
