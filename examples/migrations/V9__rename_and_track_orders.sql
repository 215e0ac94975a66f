-- Hazards: renaming a column breaks every running release that still reads the old name, and a
-- volatile default rewrites the table under ACCESS EXCLUSIVE. No lock_timeout either, so the
-- ALTERs queue behind any long transaction and everyone else queues behind them.
ALTER TABLE orders RENAME COLUMN placed_at TO ordered_at;
ALTER TABLE orders ADD COLUMN tracking_id uuid NOT NULL DEFAULT gen_random_uuid();
