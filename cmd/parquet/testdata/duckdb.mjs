// Reads a Parquet file of iomparse records with DuckDB and checks it against
// the same records as JSON Lines (iomparse -f jsonl): every field of every
// row, budget.amount's digits as DuckDB prints the DECIMAL, and date_value.
// Exits 1 on any difference, and when the seed project RW10P0522, if
// present, does not have budget.amount = 300000.00.
//
//   npm install @duckdb/node-api   # in the folder holding this script, or a parent
//   node duckdb.mjs RECORDS.jsonl FILE.parquet
//
// TestDuckDB runs it (see duckdb_test.go).
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [jsonl, parquet] = process.argv.slice(2);
// Amounts kept as text, so that no digit goes through a JS number.
const records = readFileSync(jsonl, 'utf8').split('\n').filter(Boolean)
  .map(l => JSON.parse(l.replace(/"amount":(-?[0-9.]+)/, '"amount":"$1"')));
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const query = async sql => (await con.runAndReadAll(sql)).getRowObjectsJson();
const file = parquet.replaceAll("'", "''");

const version = (await query('SELECT version() AS v'))[0].v;
const budgetType = (await query(`DESCRIBE SELECT * FROM '${file}'`)).find(c => c.column_name === 'budget').column_type;
const [, amountType, scaleText] = budgetType.match(/amount (DECIMAL\(38,(\d+)\))/);
const scale = Number(scaleText);
const rows = await query(`SELECT * FROM '${file}'`);
let bad = 0;
const fail = message => { bad++; console.log(message); };
if (rows.length !== records.length) fail(`${rows.length} rows for ${records.length} records`);

// fromDuck turns DuckDB's JSON for a row into the record's JSON shape: maps
// (lists of {key, value}) into objects, nulls dropped, integers from text.
const mapKeys = new Set(['title', 'body', 'outcomes', 'values', 'by_path']);
const intKeys = new Set(['start_year', 'end_year', 'year', 'since', 'bytes', 'line', 'offset', 'in_member']);
function fromDuck(v, key) {
  if (Array.isArray(v)) {
    if (mapKeys.has(key)) return Object.fromEntries(v.map(e => [e.key, fromDuck(e.value)]));
    return v.map(e => fromDuck(e));
  }
  if (v !== null && typeof v === 'object') {
    const o = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) o[k] = fromDuck(x, k);
    return o;
  }
  return intKeys.has(key) ? Number(v) : v;
}
// canon prints a value with its object keys sorted and null members
// dropped (a conflict's "values" is the only member the JSON writes null).
const canon = v => JSON.stringify(v, (k, x) => x !== null && typeof x === 'object' && !Array.isArray(x)
  ? Object.fromEntries(Object.keys(x).sort().filter(k => x[k] !== null).map(k => [k, x[k]])) : x);
// atScale writes an amount as DuckDB prints it in a DECIMAL(38, scale).
const atScale = a => {
  const [whole, frac = ''] = a.replace(/^-0$/, '0').split('.');
  return scale ? `${whole}.${frac.padEnd(scale, '0')}` : whole;
};
// day is a date that names a whole valid day, undefined otherwise.
const day = d => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d ?? '')) return undefined;
  const t = new Date(`${d}T00:00:00Z`);
  return !isNaN(t) && t.toISOString().slice(0, 10) === d ? d : undefined;
};

let nulls = 0;
rows.forEach((row, i) => {
  const rec = records[i];
  if (!rec) return;
  const { date_value, ...got } = fromDuck(row);
  if (got.budget) {
    const { amount, amount_text, currency } = got.budget;
    if (amount === undefined) nulls++; // fits no DECIMAL(38, scale): the Go tests check when
    else if (amount !== atScale(rec.budget.amount)) fail(`row ${i}: budget.amount ${amount}, want ${atScale(rec.budget.amount)}`);
    got.budget = currency === undefined ? { amount: amount_text } : { amount: amount_text, currency };
  }
  if (date_value !== day(rec.date)) fail(`row ${i}: date_value ${date_value} for date ${rec.date}`);
  if (canon(got) !== canon(rec)) fail(`row ${i} differs:\n got ${canon(got)}\nwant ${canon(rec)}`);
});

const seed = await query(`SELECT budget.amount::VARCHAR AS amount FROM '${file}' WHERE prima_id = 'RW10P0522'`);
for (const { amount } of seed) if (amount !== '300000.00') fail(`RW10P0522: budget.amount = ${amount}, want 300000.00`);

console.log(`DuckDB ${version}: ${rows.length} rows checked against ${jsonl}; budget.amount is ${amountType}` +
  `${nulls ? ` (${nulls} null)` : ''}; RW10P0522 ${seed.length ? `budget.amount = ${seed.map(r => r.amount)}` : 'absent'}; ${bad} differences`);
process.exit(bad ? 1 : 0);
