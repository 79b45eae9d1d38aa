-- The hash chain's link bodies planned once a connection, not once a commit (issue 18). Same bytes,
-- same hashes, same lock, same order.
--
-- V30's range query (global indexes between the run's first and last) inlines ledger_chain_body, a
-- tree of some forty byte-string expressions, and PL/pgSQL planned it afresh for most commits: its
-- parameters are a range, so PostgreSQL's plan cache kept choosing custom plans. Measured with
-- pg_stat_statements at 300 single appends a second on a 100k ledger: 0.6 plans a commit, 0.21 ms
-- of planning an append against 0.03 ms of executing the query. A generic plan is made once per
-- connection and kept. enable_seqscan off makes that plan the primary key's range scan whatever the
-- table's size when it is made (a plan made while the table is nearly empty would otherwise be a
-- sequential scan, kept as the table grows); the function's other statements (the tip, read
-- backwards along the primary key, and the insert from arrays) scan no table sequentially anyway.
alter function ledger_chain_link_noted()
    set plan_cache_mode = force_generic_plan
    set enable_seqscan = off;
