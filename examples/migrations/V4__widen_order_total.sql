SET lock_timeout = '3s';
-- Hazard: int -> bigint rewrites the whole table and its indexes under ACCESS EXCLUSIVE;
-- nobody can even read orders meanwhile.
ALTER TABLE orders ALTER COLUMN total_cents TYPE bigint;
