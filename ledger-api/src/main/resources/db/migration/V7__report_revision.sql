-- The revision of the published read model: a number that grows, in the writing transaction,
-- whenever report_agreement_version or report_generation changes. Report queries keep an
-- in-memory snapshot of the published generation tagged with the revision it was read at, and
-- answer from it only while the revision read now is the same (one cheap query), else from SQL.
--
-- It is the sum of a few slots rather than one row: the report processor's segments write in
-- concurrent transactions, and one counter row would make each wait for the other's commit (a
-- row lock held to the end of the transaction). A transaction bumps the slot of its backend, so
-- two pooled connections rarely share one. The sum only grows, so any committed change makes the
-- revision a reader sees differ from every revision read before it.
create table report_revision (
    slot     integer primary key check (slot >= 0 and slot < 16),
    changes  bigint not null
);
insert into report_revision (slot, changes) select slot, 0 from generate_series(0, 15) as slot;

-- Once a transaction: the processor writes two statements an event, a hundred events a
-- transaction, and one increment is enough to tell readers something changed. The flag is a
-- transaction-local setting, so it ends with the transaction (or its savepoint's rollback).
create function report_revision_bump() returns trigger language plpgsql as $$
begin
    if current_setting('ledger.report_revision_bumped', true) is distinct from 'yes' then
        update report_revision set changes = changes + 1 where slot = pg_backend_pid() % 16;
        perform set_config('ledger.report_revision_bumped', 'yes', true);
    end if;
    return null;
end;
$$;

-- Statement-level: fired once per statement however many rows it writes.
create trigger report_agreement_version_revision
    after insert or update or delete or truncate on report_agreement_version
    for each statement execute function report_revision_bump();
create trigger report_generation_revision
    after insert or update or delete or truncate on report_generation
    for each statement execute function report_revision_bump();

-- Fired even where a session sets session_replication_role = replica (as a DBA's bulk repair
-- would): a change the revision missed would leave a stale snapshot answering as current.
alter table report_agreement_version enable always trigger report_agreement_version_revision;
alter table report_generation enable always trigger report_generation_revision;
