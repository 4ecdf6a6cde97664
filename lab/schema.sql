-- The evidence lab's database (see lab/spec.md). Every app reads the same tables.
DROP TABLE IF EXISTS invoices, customers, users, accounts, fortune, world CASCADE;

CREATE TABLE world (
  id integer PRIMARY KEY,
  randomnumber integer NOT NULL
);

CREATE TABLE fortune (
  id integer PRIMARY KEY,
  message varchar(2048) NOT NULL
);

CREATE TABLE accounts (
  id integer PRIMARY KEY,
  name text NOT NULL,
  api_key text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL
);

CREATE TABLE users (
  id integer PRIMARY KEY,
  account_id integer NOT NULL REFERENCES accounts (id),
  email text NOT NULL,
  name text NOT NULL
);

CREATE TABLE customers (
  id integer PRIMARY KEY,
  account_id integer NOT NULL REFERENCES accounts (id),
  name text NOT NULL,
  email text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE invoices (
  id integer PRIMARY KEY,
  account_id integer NOT NULL REFERENCES accounts (id),
  customer_id integer NOT NULL REFERENCES customers (id),
  number text NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'open', 'paid', 'void')),
  amount_cents bigint NOT NULL,
  currency char(3) NOT NULL,
  issued_on date NOT NULL
);

CREATE INDEX invoices_account_recent ON invoices (account_id, issued_on DESC, id DESC);
CREATE INDEX invoices_customer ON invoices (customer_id);
CREATE INDEX customers_account ON customers (account_id);
CREATE INDEX users_account ON users (account_id);
