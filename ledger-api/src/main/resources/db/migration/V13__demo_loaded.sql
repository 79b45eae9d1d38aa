-- The mark of a demo history loaded whole. `bin/ledger demo` appends the history a batch per
-- transaction (it may hold millions of events) and writes this row in the transaction of the last
-- batch: a demo ledger with synthetic events and no row here holds part of a history (its load was
-- stopped by a shutdown or failed), and the demo refuses to serve it as if it were whole.
create table demo_loaded (
    seed       bigint      not null,
    agreements bigint      not null,
    events     bigint      not null,
    loaded_at  timestamptz not null default now()
);
