import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { FortuneRow, LabData, LatestInvoice, Totals, WorldRow } from './data';
import { Account, Fortune, Invoice, World } from './entities';

@Injectable()
export class OrmData implements LabData {
  constructor(
    @InjectRepository(World) private readonly worlds: Repository<World>,
    @InjectRepository(Fortune) private readonly fortuneRows: Repository<Fortune>,
    @InjectRepository(Account) private readonly accounts: Repository<Account>,
    @InjectRepository(Invoice) private readonly invoices: Repository<Invoice>,
  ) {}

  async readRow(id: number): Promise<WorldRow> {
    const w = await this.worlds.findOneByOrFail({ id });
    return { id: w.id, randomNumber: w.randomnumber };
  }

  async writeRows(rows: WorldRow[]): Promise<void> {
    // One UPDATE per drawn row (TypeORM has no bulk update of different values), concurrently and
    // each autocommitted, as TechEmpower's Nest app writes them; save() would skip a row whose
    // new number equals the old one.
    await Promise.all(rows.map((r) => this.worlds.update(r.id, { randomnumber: r.randomNumber })));
  }

  fortunes(): Promise<FortuneRow[]> {
    return this.fortuneRows.find();
  }

  account(key: string) {
    return this.accounts.findOneBy({ apiKey: key });
  }

  async totals(accountId: number): Promise<Totals[]> {
    const rows = await this.invoices
      .createQueryBuilder('i')
      .select('i.status', 'status')
      .addSelect('count(*)', 'count')
      .addSelect('sum(i.amount_cents)', 'amount_cents')
      .where('i.account_id = :id', { id: accountId })
      .groupBy('i.status')
      .orderBy('i.status')
      .getRawMany();
    return rows.map((t) => ({ status: t.status, count: Number(t.count), amount_cents: Number(t.amount_cents) }));
  }

  async latest(accountId: number): Promise<LatestInvoice[]> {
    // A join with LIMIT in one statement: `find({relations, take})` would first select the
    // distinct ids and then the rows (two queries), which TypeORM needs only for to-many joins.
    const rows = await this.invoices
      .createQueryBuilder('i')
      .innerJoinAndSelect('i.customer', 'c')
      .where('i.account_id = :id', { id: accountId })
      .orderBy('i.issued_on', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .limit(20)
      .getMany();
    return rows.map((i) => ({
      id: i.id, number: i.number, status: i.status, amount_cents: i.amountCents, currency: i.currency,
      issued_on: i.issuedOn, customer: { id: i.customer.id, name: i.customer.name },
    }));
  }
}
