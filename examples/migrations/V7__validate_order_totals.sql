-- Safe: VALIDATE in its own migration takes only SHARE UPDATE EXCLUSIVE, so reads and writes
-- go on while existing rows are checked.
SET lock_timeout = '3s';
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;
