-- Safe: NOT VALID adds the constraint with a brief lock and no scan; existing rows are checked
-- by the next migration, and new rows from now on.
SET lock_timeout = '3s';
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total_cents >= 0) NOT VALID;
