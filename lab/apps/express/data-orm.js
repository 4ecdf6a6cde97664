'use strict';
// The data layer on Sequelize (DATA_ACCESS=orm): the most used ORM for Express, and the one
// TechEmpower's Express ORM tests use. Same pool size as the raw variant.
const { DataTypes, Sequelize, fn, col } = require('sequelize');

module.exports = function ormData(url, poolSize) {
  const sequelize = new Sequelize(url, {
    logging: false,
    pool: { max: poolSize, min: 0 },
    define: { timestamps: false, freezeTableName: true },
  });
  const World = sequelize.define('world', { id: { type: DataTypes.INTEGER, primaryKey: true }, randomnumber: DataTypes.INTEGER });
  const Fortune = sequelize.define('fortune', { id: { type: DataTypes.INTEGER, primaryKey: true }, message: DataTypes.STRING });
  const Account = sequelize.define('accounts', {
    id: { type: DataTypes.INTEGER, primaryKey: true }, name: DataTypes.TEXT, api_key: DataTypes.TEXT,
  });
  const Customer = sequelize.define('customers', { id: { type: DataTypes.INTEGER, primaryKey: true }, name: DataTypes.TEXT });
  const Invoice = sequelize.define('invoices', {
    id: { type: DataTypes.INTEGER, primaryKey: true },
    account_id: DataTypes.INTEGER,
    customer_id: DataTypes.INTEGER,
    number: DataTypes.TEXT,
    status: DataTypes.TEXT,
    amount_cents: DataTypes.BIGINT,
    currency: DataTypes.STRING(3),
    issued_on: DataTypes.DATEONLY,
  });
  Invoice.belongsTo(Customer, { foreignKey: 'customer_id' });

  return {
    async readRow(id) {
      const w = await World.findByPk(id);
      return { id: w.id, randomNumber: w.randomnumber };
    },
    async writeRows(rows) {
      // One UPDATE per drawn row, concurrently and each autocommitted, as Model.update writes:
      // Sequelize's bulk write (bulkCreate with updateOnDuplicate) refuses an id drawn twice
      // ("ON CONFLICT DO UPDATE command cannot affect row a second time"), and instance.save()
      // skips a row whose new number equals the old one.
      await Promise.all(rows.map((r) => World.update({ randomnumber: r.randomNumber }, { where: { id: r.id } })));
    },
    async fortunes() {
      return (await Fortune.findAll()).map((f) => ({ id: f.id, message: f.message }));
    },
    async account(key) {
      const a = await Account.findOne({ where: { api_key: key } });
      return a && { id: a.id, name: a.name };
    },
    async totals(accountId) {
      const rows = await Invoice.findAll({
        attributes: ['status', [fn('count', col('id')), 'count'], [fn('sum', col('amount_cents')), 'amount_cents']],
        where: { account_id: accountId },
        group: ['status'],
        order: [['status', 'ASC']],
        raw: true,
      });
      return rows.map((t) => ({ status: t.status, count: Number(t.count), amount_cents: Number(t.amount_cents) }));
    },
    async latest(accountId) {
      const rows = await Invoice.findAll({
        where: { account_id: accountId },
        include: [{ model: Customer, attributes: ['id', 'name'] }],
        order: [['issued_on', 'DESC'], ['id', 'DESC']],
        limit: 20,
      });
      return rows.map((i) => ({
        id: i.id, number: i.number, status: i.status, amount_cents: Number(i.amount_cents), currency: i.currency,
        issued_on: i.issued_on, customer: { id: i.customer.id, name: i.customer.name },
      }));
    },
  };
};
