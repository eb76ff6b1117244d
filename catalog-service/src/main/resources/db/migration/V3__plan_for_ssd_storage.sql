-- The catalog runs on SSD-backed storage (cloud block volumes, local NVMe), where reading a
-- random page costs little more than reading the next one. PostgreSQL's default
-- random_page_cost (4.0) models spinning disks and makes the planner shun index scans on
-- tables the size of a catalog, e.g. the full-text GIN index. Applies to new sessions.
-- A role that does not own its database (some managed offerings) leaves the default.
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET random_page_cost = 1.1', current_database());
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'random_page_cost left at the server default: this role does not own the database';
END
$$;
