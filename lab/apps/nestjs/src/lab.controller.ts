import { Controller, Get, Header, Headers, HttpException, Inject, Query, Render } from '@nestjs/common';
import { LAB_DATA, LabData } from './data';

const randomId = () => 1 + Math.floor(Math.random() * 10000);
const clamp = (value?: string) => {
  const n = parseInt(value ?? '', 10);
  return Number.isNaN(n) || n < 1 ? 1 : Math.min(n, 500);
};

@Controller()
export class LabController {
  constructor(@Inject(LAB_DATA) private readonly data: LabData) {}

  private row(id: number) {
    return this.data.readRow(id);
  }

  @Get('json')
  json() {
    return { message: 'Hello, World!' };
  }

  @Get('plaintext')
  @Header('Content-Type', 'text/plain')
  plaintext() {
    return 'Hello, World!';
  }

  @Get('db')
  db() {
    return this.row(randomId());
  }

  @Get('queries')
  queries(@Query('queries') queries?: string) {
    return Promise.all(Array.from({ length: clamp(queries) }, () => this.row(randomId())));
  }

  @Get('updates')
  async updates(@Query('queries') queries?: string) {
    const rows = await Promise.all(Array.from({ length: clamp(queries) }, () => this.row(randomId())));
    for (const r of rows) r.randomNumber = randomId();
    // Every drawn row is written, an id drawn twice included (README: transaction scope).
    await this.data.writeRows(rows);
    return rows;
  }

  @Get('fortunes')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Render('fortunes')
  async fortunesPage() {
    const rows = await this.data.fortunes();
    rows.push({ id: 0, message: 'Additional fortune added at request time.' });
    rows.sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
    return { fortunes: rows };
  }

  @Get('saas/dashboard')
  async dashboard(@Headers('authorization') auth?: string) {
    const key = auth && auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const account = key ? await this.data.account(key) : null;
    if (!account) throw new HttpException({ error: 'unauthorized' }, 401);
    const [totals, latest] = await Promise.all([this.data.totals(account.id), this.data.latest(account.id)]);
    return { account: { id: account.id, name: account.name }, totals, latest };
  }

  @Get('upstream')
  async upstream() {
    const started = process.hrtime.bigint();
    try {
      const body = await getJson(process.env.UPSTREAM_URL ?? '', 2000);
      return { upstream: body, elapsed_ms: Number(process.hrtime.bigint() - started) / 1e6 };
    } catch {
      throw new HttpException({ error: 'upstream failed' }, 502);
    }
  }
}

// Node's global fetch (undici) keeps a pool of keep-alive connections per origin, shared by every
// request of the process; AbortSignal.timeout bounds the whole exchange, body included.
async function getJson(url: string, timeoutMs: number): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`status ${res.status}`);
  return res.json();
}
