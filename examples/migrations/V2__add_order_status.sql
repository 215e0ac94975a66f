-- Safe: a bounded wait for the lock, and a constant default (PostgreSQL 11+ stores it in the
-- catalogue without rewriting the table).
SET lock_timeout = '3s';
ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'placed';
