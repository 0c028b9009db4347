-- The renewal round of 10,000 held leases (issue 14's "lease renewal cost"): the statement
-- LeaseTable.renewAll sends, on the lease table's DDL, with 20,000 leases of another node beside.
-- psql -h 127.0.0.1 -U postgres -d test -f benchmarks/scripts/lease-renewal.sql  (repeat the UPDATE line to see more rounds)
DROP TABLE IF EXISTS bench_lease;
CREATE TABLE bench_lease (database_name text NOT NULL, instance text NOT NULL, owner_node text, owner_url text,
  epoch bigint NOT NULL, acquired_at timestamptz NOT NULL, expires_at timestamptz NOT NULL, PRIMARY KEY (database_name, instance));
CREATE INDEX bench_lease_owner ON bench_lease (owner_node);
INSERT INTO bench_lease SELECT 'main', 't' || g, 'node-a', 'http://10.0.0.1:8080', 1, now(), now() + interval '10 seconds' FROM generate_series(1, 10000) g;
INSERT INTO bench_lease SELECT 'main', 'u' || g, 'node-b', 'http://10.0.0.2:8080', 1, now(), now() + interval '10 seconds' FROM generate_series(1, 20000) g;
VACUUM ANALYZE bench_lease;
\timing on
UPDATE bench_lease SET expires_at = now() + 10000000 * interval '1 microsecond' WHERE owner_node = 'node-a' AND expires_at > now() RETURNING database_name, instance, epoch, acquired_at, expires_at \g /dev/null
DROP TABLE bench_lease;
