SET lock_timeout = '3s';
ALTER TABLE customers ADD COLUMN name text;
UPDATE customers SET name = split_part(email, '@', 1) WHERE name IS NULL;
-- Hazard: SET NOT NULL scans the whole table under ACCESS EXCLUSIVE to check for NULLs.
ALTER TABLE customers ALTER COLUMN name SET NOT NULL;
