-- Hazard: builds the index under a SHARE lock; every INSERT/UPDATE/DELETE on orders waits
-- until it finishes, which on a large table is minutes.
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
