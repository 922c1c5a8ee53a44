// Workload B1 (shared/design/benchmark.md) in DuckDB SQL, as a data engineer
// would write it: 2 threads, exact integer cents, half away from zero per
// line, a recursive CTE for the order-dependent SPIF cap.
// usage: node b1_duckdb.mjs PARTNERS.csv SALES.csv OUT.csv
import { DuckDBInstance } from '@duckdb/node-api';

const [partners, sales, out] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const con = await instance.connect();
const q = (s) => s.replaceAll("'", "''");
// n / d rounded half away from zero, on integers.
const rnd = (n, d) => `(sign(${n}) * ((abs(${n}) + ${d} // 2) // ${d}))`;

await con.run(`
CREATE TABLE partners AS
  SELECT id, tier, parent FROM read_csv('${q(partners)}', header = true, all_varchar = true);
CREATE TABLE sales AS
  SELECT id, partner, CAST(date AS DATE) AS d, sku, category, CAST(units AS BIGINT) AS units,
         CAST(round(CAST(amount AS DECIMAL(18, 2)) * 100) AS BIGINT) AS cents
  FROM read_csv('${q(sales)}', header = true, all_varchar = true);
CREATE TABLE s AS
  SELECT s.*, p.tier, coalesce(p.parent, '') AS parent,
         'Q' || CAST(quarter(s.d) AS VARCHAR) AS qq,
         CASE p.tier WHEN 'platinum' THEN 150 WHEN 'gold' THEN 125 WHEN 'silver' THEN 110 ELSE 100 END AS mult
  FROM sales s JOIN partners p ON p.id = s.partner;
CREATE TABLE spif_lines AS
  WITH RECURSIVE c AS (
    SELECT partner, qq, 2500 * units AS amt,
           row_number() OVER (PARTITION BY partner ORDER BY d, id) AS rn
    FROM s
    WHERE sku IN ('SKU-007', 'SKU-042', 'SKU-099', 'SKU-123', 'SKU-150')
      AND d BETWEEN DATE '2026-10-01' AND DATE '2026-11-30'
  ), r(partner, rn, qq, paid, used) AS (
    SELECT partner, rn, qq, p, p FROM (
      SELECT partner, rn, qq, CASE WHEN amt > 0 THEN least(amt, 200000) ELSE amt END AS p
      FROM c WHERE rn = 1)
    UNION ALL
    SELECT c.partner, c.rn, c.qq, x.p, r.used + x.p
    FROM r JOIN c ON c.partner = r.partner AND c.rn = r.rn + 1,
         LATERAL (SELECT CASE WHEN c.amt > 0 THEN least(c.amt, greatest(0, 200000 - r.used))
                              ELSE c.amt END AS p) x
  )
  SELECT partner, qq, paid FROM r;
CREATE TABLE rev AS
  SELECT p.id AS partner, qs.qq, coalesce(sum(s.cents), 0) AS rev
  FROM partners p CROSS JOIN (VALUES ('Q1'), ('Q2'), ('Q3'), ('Q4')) qs(qq)
  LEFT JOIN s ON s.partner = p.id AND s.qq = qs.qq
  GROUP BY p.id, qs.qq;
COPY (
  SELECT rule, payee, '2026-' || qq AS period,
         CAST(CAST(sum(amt) AS DECIMAL(18, 0)) / 100 AS DECIMAL(18, 2)) AS amount
  FROM (
    SELECT 'commission' AS rule, partner AS payee, qq, ${rnd('cents * 3 * mult', 10000)} AS amt
      FROM s WHERE category <> 'services'
    UNION ALL
    SELECT 'override', parent, qq, ${rnd('cents', 100)} FROM s WHERE parent <> ''
    UNION ALL
    SELECT 'coop_accrual', partner, qq, ${rnd('cents * 2', 100)} FROM s WHERE tier IN ('gold', 'platinum')
    UNION ALL
    SELECT 'spif', partner, qq, paid FROM spif_lines
    UNION ALL
    SELECT 'rebate', partner, qq,
           ${rnd('rev * CASE WHEN rev >= 50000000 THEN 3 WHEN rev >= 25000000 THEN 2 WHEN rev >= 10000000 THEN 1 ELSE 0 END', 100)}
      FROM rev WHERE rev >= 10000000
    UNION ALL
    SELECT 'growth', partner, qq, 50000 FROM (
      SELECT partner, qq, rev, lag(rev) OVER (PARTITION BY partner ORDER BY qq) AS prior FROM rev)
      WHERE prior > 0 AND rev * 100 >= prior * 110
  )
  GROUP BY rule, payee, qq
  ORDER BY rule, payee, period
) TO '${q(out)}' (HEADER, DELIMITER ',');
`);
