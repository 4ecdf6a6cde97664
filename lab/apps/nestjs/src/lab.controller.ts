import { Controller, Get, Header, Headers, HttpException, Query, Render } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { Account, Fortune, Invoice, World } from './entities';

const randomId = () => 1 + Math.floor(Math.random() * 10000);
const clamp = (value?: string) => {
  const n = parseInt(value ?? '', 10);
  return Number.isNaN(n) || n < 1 ? 1 : Math.min(n, 500);
};

@Controller()
export class LabController {
  constructor(
    @InjectRepository(World) private readonly worlds: Repository<World>,
    @InjectRepository(Fortune) private readonly fortunes: Repository<Fortune>,
    @InjectRepository(Account) private readonly accounts: Repository<Account>,
    @InjectRepository(Invoice) private readonly invoices: Repository<Invoice>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  private async row(id: number) {
    const w = await this.worlds.findOneByOrFail({ id });
    return { id: w.id, randomNumber: w.randomnumber };
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
    const last = new Map(rows.map((r) => [r.id, r.randomNumber]));
    const ids = [...last.keys()].sort((a, b) => a - b);
    await this.dataSource.transaction(async (manager) => {
      for (const id of ids) await manager.update(World, { id }, { randomnumber: last.get(id) });
    });
    return rows;
  }

  @Get('fortunes')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Render('fortunes')
  async fortunesPage() {
    const rows = await this.fortunes.find();
    rows.push({ id: 0, message: 'Additional fortune added at request time.' });
    rows.sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
    return { fortunes: rows };
  }

  @Get('saas/dashboard')
  async dashboard(@Headers('authorization') auth?: string) {
    const key = auth && auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const account = key ? await this.accounts.findOneBy({ apiKey: key }) : null;
    if (!account) throw new HttpException({ error: 'unauthorized' }, 401);
    const [totals, latest] = await Promise.all([
      this.invoices
        .createQueryBuilder('i')
        .select('i.status', 'status')
        .addSelect('count(*)', 'count')
        .addSelect('sum(i.amount_cents)', 'amount_cents')
        .where('i.account_id = :id', { id: account.id })
        .groupBy('i.status')
        .orderBy('i.status')
        .getRawMany(),
      this.invoices.find({
        where: { accountId: account.id },
        relations: { customer: true },
        order: { issuedOn: 'DESC', id: 'DESC' },
        take: 20,
      }),
    ]);
    return {
      account: { id: account.id, name: account.name },
      totals: totals.map((t) => ({ status: t.status, count: Number(t.count), amount_cents: Number(t.amount_cents) })),
      latest: latest.map((i) => ({
        id: i.id, number: i.number, status: i.status, amount_cents: i.amountCents, currency: i.currency,
        issued_on: i.issuedOn, customer: { id: i.customer.id, name: i.customer.name },
      })),
    };
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
