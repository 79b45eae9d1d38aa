-- The hash chain linked at commit instead of at the INSERT.
--
-- V6 took the chain's advisory lock in the INSERT's statement trigger and so held it over the rest
-- of the transaction: for an append through Axon, the subscribing projection's writes, the round
-- trips back to the application and the commit's WAL flush. Concurrent single appends therefore
-- went one at a time over all of that (8 clients: ~650 appends/s against ~10,000 plain one-INSERT
-- transactions). Now the INSERT only notes which events it stored, and one deferred constraint
-- trigger per transaction links them when the transaction commits: the lock covers the linking and
-- the flush, no more. Nothing else changes:
-- - the link layout is V5's ledger_chain_link, untouched: hashes are byte for byte the same;
-- - one writer extends the chain at a time: the same transaction-scoped advisory lock, taken
--   before the tip is read (see V5's ledger_chain_append for why READ COMMITTED then sees the
--   previous writer's link, and why a stale snapshot, REPEATABLE READ, collides on the primary key
--   and fails the commit instead of forking the chain);
-- - a transaction's events are linked together, statements in their order and each statement's
--   rows in globalindex order (as V6: the order their values were listed in), so one transaction's
--   links are consecutive;
-- - still every writer's inserts, in the inserting transaction: the triggers see every INSERT, and
--   the links are made inside COMMIT, before it returns; an INSERT ... SELECT that stored nothing
--   notes nothing and takes no lock.
--
-- What an INSERT stored is kept in a transaction-local setting (like V7's report_revision flag):
-- no table to write, and a rollback to a savepoint forgets what the rolled-back statements noted
-- together with their rows. It holds runs of consecutive global indexes ("lo:hi,lo:hi"), usually
-- one per statement (a statement continuing the previous one's run extends it), so it stays short
-- however many rows a transaction inserts, and a count of the rows noted. A session may overwrite
-- these settings; all it can achieve is to leave its own events unlinked, which verify reports as
-- INSERTED events, or to fail its own commit (a count that does not match, rows already linked:
-- ledger_chain's globalindex is unique).

-- The link layout's functions as V5 defined them, bodies untouched, marked STABLE rather than
-- IMMUTABLE: convert_to is stable, and PostgreSQL inlines an SQL function into its caller only when
-- the body is no more volatile than the function says. Not inlined, each ledger_chain_text call was
-- parsed and planned again in every transaction that linked an event (6 calls, about 0.13 ms of the
-- 0.22 ms V6's trigger took for a one-row transaction, by pg_stat_user_functions); inlined, the
-- link is one expression planned once per session.
alter function ledger_chain_text(text) stable;
alter function ledger_chain_link(bytea, bigint, domainevententry) stable;

-- Links every event this transaction noted and has not linked yet. Whether it linked any.
create function ledger_chain_link_noted() returns boolean
    language plpgsql as
$$
declare
    noted        text := current_setting('ledger.chain_noted', true);
    expected     bigint := nullif(current_setting('ledger.chain_noted_count', true), '')::bigint;
    unchanged    text;
    run          text;
    first_index  bigint;
    last_index   bigint;
    events       domainevententry[] := '{}';
    e            domainevententry;
    tip_position bigint;
    tip_hash     bytea;
    positions    bigint[] := '{}';
    indexes      bigint[] := '{}';
    hashes       bytea[]  := '{}';
begin
    -- (set_config in assignments rather than PERFORM: an expression, not a query to run)
    -- whatever is inserted after this (by a later deferred trigger) queues a new link
    unchanged := set_config('ledger.chain_link_queued', '', true);
    if noted is null or noted = '' then
        return false;
    end if;
    unchanged := set_config('ledger.chain_noted', '', true);
    unchanged := set_config('ledger.chain_noted_count', '', true);
    unchanged := set_config('ledger.chain_noted_last', '', true);
    -- the events are read before the lock is taken: held, it covers only what needs the tip. One
    -- range query a run (a simple statement with a plan that stays an index range scan; one query
    -- over all the runs at once could be given a generic plan that scans the whole table)
    foreach run in array string_to_array(noted, ',') loop
        first_index := split_part(run, ':', 1)::bigint;
        last_index := split_part(run, ':', 2)::bigint;
        events := events || array(select x from domainevententry x
                                  where x.globalindex between first_index and last_index
                                  order by x.globalindex);
    end loop;
    if coalesce(cardinality(events), 0) <> expected then
        raise exception 'the hash chain expected % events noted by this transaction and found %',
            expected, coalesce(cardinality(events), 0);
    end if;
    -- the key spells 'LEDGERCH', as in V5 and V6
    perform pg_advisory_xact_lock(5495873993171944264);
    select c.position, c.hash into tip_position, tip_hash
    from ledger_chain c order by c.position desc limit 1;
    if not found then
        tip_position := 0;
        tip_hash := decode(repeat('00', 32), 'hex');
    end if;
    -- each link covers the previous one, so the hashes are computed in order, one by one; the rows
    -- are then inserted by one statement
    foreach e in array events loop
        tip_position := tip_position + 1;
        tip_hash := ledger_chain_link(tip_hash, tip_position, e);
        positions := positions || tip_position;
        indexes := indexes || e.globalindex;
        hashes := hashes || tip_hash;
    end loop;
    insert into ledger_chain (position, globalindex, hash)
    select * from unnest(positions, indexes, hashes);
    return true;
end
$$;

-- After each INSERT statement: notes the runs of global indexes it stored.
create function ledger_chain_note_statement() returns trigger
    language plpgsql as
$$
declare
    first_index   bigint;
    last_index    bigint;
    inserted      bigint;
    runs          text;
    noted         text;
    previous_last bigint;
    unchanged     text;
    linked        boolean;
begin
    select min(globalindex), max(globalindex), count(*) into first_index, last_index, inserted
    from appended_events;
    if inserted = 0 then
        return null; -- an INSERT ... SELECT that found nothing: nothing to link, no lock
    end if;
    if last_index - first_index + 1 = inserted then
        runs := first_index || ':' || last_index; -- one run: a single row, or no other writer drew in between
    else
        select string_agg(i.first_index || ':' || i.last_index, ',' order by i.first_index) into runs
        from (select min(globalindex) as first_index, max(globalindex) as last_index
              from (select globalindex, globalindex - row_number() over (order by globalindex) as island
                    from appended_events) numbered
              group by island) i;
    end if;
    noted := nullif(current_setting('ledger.chain_noted', true), '');
    previous_last := nullif(current_setting('ledger.chain_noted_last', true), '')::bigint;
    if noted is not null and first_index = previous_last + 1 and position(',' in runs) = 0 then
        -- this statement's run continues the previous one (one-row statements one after the other,
        -- as pgjdbc sends a batch without reWriteBatchedInserts): one run, not one a statement
        noted := left(noted, length(noted) - length(previous_last::text)) || last_index;
    else
        noted := concat_ws(',', noted, runs);
    end if;
    unchanged := set_config('ledger.chain_noted', noted, true);
    unchanged := set_config('ledger.chain_noted_last', last_index::text, true);
    unchanged := set_config('ledger.chain_noted_count',
                            (coalesce(nullif(current_setting('ledger.chain_noted_count', true), '')::bigint, 0)
                             + inserted)::text, true);
    if current_setting('ledger.chain_link_queued', true) is distinct from 'yes' then
        -- No link is queued: the constraint below was set IMMEDIATE, so it already fired for this
        -- statement's first row, before this trigger noted the rows. Link now, as V6 did.
        linked := ledger_chain_link_noted();
    end if;
    return null;
end
$$;

create function ledger_chain_link_at_commit() returns trigger
    language plpgsql as
$$
declare
    linked boolean;
begin
    linked := ledger_chain_link_noted();
    return null;
end
$$;

drop trigger domainevententry_chain on domainevententry;
drop function ledger_chain_extend_statement();

create trigger domainevententry_chain after insert on domainevententry
    referencing new table as appended_events
    for each statement execute function ledger_chain_note_statement();

-- Constraint triggers are row triggers only; the WHEN clause, evaluated at once for each row (not
-- deferred), lets only a transaction's first inserted row queue one, so a 1,000-row statement
-- queues one deferred call, not a thousand. set_config returns the value it set.
create constraint trigger domainevententry_chain_at_commit after insert on domainevententry
    deferrable initially deferred
    for each row
    when (current_setting('ledger.chain_link_queued', true) is distinct from 'yes'
          and set_config('ledger.chain_link_queued', 'yes', true) = 'yes')
    execute function ledger_chain_link_at_commit();
