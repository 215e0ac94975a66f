-- Safe: CONCURRENTLY builds the index without blocking writes. It cannot run inside a
-- transaction block; Flyway runs such a migration outside one.
SET lock_timeout = '3s';
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
