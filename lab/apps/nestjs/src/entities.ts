import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

// node-postgres hands bigint over as a string; the API promises JSON integers.
const bigintAsNumber = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity('world')
export class World {
  @PrimaryColumn() id: number;
  @Column() randomnumber: number;
}

@Entity('fortune')
export class Fortune {
  @PrimaryColumn() id: number;
  @Column() message: string;
}

@Entity('accounts')
export class Account {
  @PrimaryColumn() id: number;
  @Column() name: string;
  @Column({ name: 'api_key' }) apiKey: string;
}

@Entity('customers')
export class Customer {
  @PrimaryColumn() id: number;
  @Column({ name: 'account_id' }) accountId: number;
  @Column() name: string;
}

@Entity('invoices')
export class Invoice {
  @PrimaryColumn() id: number;
  @Column({ name: 'account_id' }) accountId: number;
  @Column({ name: 'customer_id' }) customerId: number;
  @ManyToOne(() => Customer) @JoinColumn({ name: 'customer_id' }) customer: Customer;
  @Column() number: string;
  @Column() status: string;
  @Column({ name: 'amount_cents', type: 'bigint', transformer: bigintAsNumber }) amountCents: number;
  @Column() currency: string;
  @Column({ name: 'issued_on', type: 'date' }) issuedOn: string;
}
