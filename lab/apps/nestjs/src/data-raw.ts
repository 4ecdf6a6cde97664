import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import { FortuneRow, LabData, LatestInvoice, POOL_SIZE, Totals, WorldRow } from './data';

function integer(value: number): number {
  if (!Number.isSafeInteger(value)) throw new TypeError(`not an integer: ${value}`);
  return value;
}

// node-postgres directly, as TechEmpower's NestJS raw variant does: SQL, one pool per process.
@Injectable()
export class RawData implements LabData, OnModuleDestroy {
  private readonly pool = new Pool({ connectionString: process.env.DATABASE_URL, max: POOL_SIZE });

  async readRow(id: number): Promise<WorldRow> {
    const { rows } = await this.pool.query('SELECT id, randomnumber FROM world WHERE id = $1', [id]);
    return { id: rows[0].id, randomNumber: rows[0].randomnumber };
  }

  async writeRows(rows: WorldRow[]): Promise<void> {
    // One UPDATE per drawn row, an id drawn twice included, sent as one batch in id order: a
    // multi-statement query runs as one implicit transaction in one round trip, as asyncpg's
    // executemany does for the Python apps, and rows locked in id order cannot deadlock. A bulk
    // UPDATE ... FROM (VALUES ...) cannot promise that order (at 500 rows PostgreSQL hash-joins
    // and locks rows in heap order), and `lab verify` saw 5% of /updates?queries=500 requests
    // deadlock. The numbers are integers the app drew itself, checked before they enter the text.
    const statements = [...rows]
      .sort((a, b) => a.id - b.id)
      .map((r) => `UPDATE world SET randomnumber = ${integer(r.randomNumber)} WHERE id = ${integer(r.id)}`);
    await this.pool.query(statements.join(';\n'));
  }

  async fortunes(): Promise<FortuneRow[]> {
    return (await this.pool.query('SELECT id, message FROM fortune')).rows;
  }

  async account(key: string) {
    return (await this.pool.query('SELECT id, name FROM accounts WHERE api_key = $1', [key])).rows[0] ?? null;
  }

  async totals(accountId: number): Promise<Totals[]> {
    const { rows } = await this.pool.query(
      'SELECT status, count(*) AS count, sum(amount_cents)::bigint AS amount_cents FROM invoices WHERE account_id = $1 GROUP BY status ORDER BY status',
      [accountId],
    );
    return rows.map((t) => ({ status: t.status, count: Number(t.count), amount_cents: Number(t.amount_cents) }));
  }

  async latest(accountId: number): Promise<LatestInvoice[]> {
    const { rows } = await this.pool.query(
      `SELECT i.id, i.number, i.status, i.amount_cents, i.currency, i.issued_on, c.id AS customer_id, c.name AS customer_name
       FROM invoices i JOIN customers c ON c.id = i.customer_id
       WHERE i.account_id = $1 ORDER BY i.issued_on DESC, i.id DESC LIMIT 20`,
      [accountId],
    );
    return rows.map((r) => ({
      id: r.id, number: r.number, status: r.status, amount_cents: Number(r.amount_cents), currency: r.currency,
      issued_on: r.issued_on, customer: { id: r.customer_id, name: r.customer_name },
    }));
  }

  onModuleDestroy() {
    return this.pool.end();
  }
}
