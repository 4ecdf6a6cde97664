// What the controller needs from the database, so one controller serves both data-access
// variants: TypeORM (data-orm.ts, NestJS's documented default) and raw node-postgres (data-raw.ts).
export const LAB_DATA = 'LAB_DATA';

export interface WorldRow { id: number; randomNumber: number }
export interface FortuneRow { id: number; message: string }
export interface Totals { status: string; count: number; amount_cents: number }
export interface LatestInvoice {
  id: number; number: string; status: string; amount_cents: number; currency: string; issued_on: string;
  customer: { id: number; name: string };
}

export interface LabData {
  readRow(id: number): Promise<WorldRow>;
  // Writes every row given, an id given twice included, outside any transaction with the reads.
  writeRows(rows: WorldRow[]): Promise<void>;
  fortunes(): Promise<FortuneRow[]>;
  account(key: string): Promise<{ id: number; name: string } | null>;
  totals(accountId: number): Promise<Totals[]>;
  latest(accountId: number): Promise<LatestInvoice[]>;
}

export const POOL_SIZE = Math.max(1, Number(process.env.DB_POOL || 10));
