-- The hash chain linked per commit group (issue 18). Same bytes, same hashes, same lock.
--
-- Since V8 a transaction takes the chain's advisory lock at commit, links its events and keeps the
-- lock until its commit record is flushed (a transaction lock is released after the flush). Chained
-- commits therefore never shared a WAL flush: each writer waited for the lock, then flushed alone.
-- Measured at 500 single appends a second (pg_stat_activity sampled every millisecond): every stall
-- of 20 to 150 ms had one backend in COMMIT on IO:WalSync while two or three others waited in
-- COMMIT on Lock:advisory, and the queue behind a slow flush drained at one flush an append.
--
-- Now a commit that finds the lock taken does not wait for it. It records its events as pending
-- (one ledger_chain_pending row: its runs of global indexes, in the order it inserted them) and
-- commits; its flush is shared with every other commit of the moment, as plain INSERTs share
-- theirs. The application then calls ledger_chain_link_pending() before it acknowledges the append:
-- that waits for the lock and links every pending transaction's events, oldest first, in one
-- transaction and one flush, so the writers that queued behind one flush are linked together by the
-- first of them to get the lock; the others find nothing left and return. A commit that gets the
-- lock at once links its own events as before, inside COMMIT.
--
-- What holds, as before: one writer extends the chain at a time (the same lock, taken before the tip
-- is read); a transaction's links are consecutive (its pending row is linked whole), statements in
-- their order, each statement's rows in global index order; a stale snapshot (REPEATABLE READ) that
-- gets the lock fails its commit on the primary key instead of forking the chain; every INSERT is
-- seen by the triggers, whoever the writer. What changes: under contention an event is committed
-- before it is linked, with its pending row in the same transaction, so a snapshot sees every event
-- either linked or pending, never neither. verify counts pending events apart from tampering (an
-- event neither linked nor pending is still INSERTED). The application links before it
-- acknowledges; what a writer that died between its commit and its linking left pending, the next
-- acknowledged write links (every linking takes all that is pending).

create table ledger_chain_pending (
    id   bigserial primary key,
    -- closed-open ranges of consecutive global indexes, each the transaction's own rows
    runs int8range[] not null check (cardinality(runs) > 0)
);

-- The link bodies of the events of runs, runs in their order and each run's rows in global index
-- order (V30's query, one a run, planned once a connection as V31 made it). A transaction's own runs
-- (at its commit) must all be stored: a run is consecutive global indexes of its own rows, and a
-- mismatch fails the commit, as in V8. Pending runs were checked so when they were recorded; read
-- again by a later transaction they yield only the events stored and not yet linked, so that a
-- pending row that names anything else (written by hand) links nothing rather than failing every
-- writer's linking after it.
create function ledger_chain_run_bodies(runs int8range[], pending boolean, out indexes bigint[], out bodies bytea[])
    language plpgsql
    set plan_cache_mode = force_generic_plan
    set enable_seqscan = off as
$$
declare
    run         int8range;
    run_indexes bigint[];
    run_bodies  bytea[];
    expected    bigint := 0;
begin
    indexes := '{}';
    bodies := '{}';
    foreach run in array runs loop
        if pending then
            select array_agg(x.globalindex order by x.globalindex), array_agg(ledger_chain_body(x) order by x.globalindex)
            into run_indexes, run_bodies
            from domainevententry x
            where x.globalindex >= lower(run) and x.globalindex < upper(run)
              and not exists (select 1 from ledger_chain c where c.globalindex = x.globalindex);
        else
            select array_agg(x.globalindex order by x.globalindex), array_agg(ledger_chain_body(x) order by x.globalindex)
            into run_indexes, run_bodies
            from domainevententry x
            where x.globalindex >= lower(run) and x.globalindex < upper(run);
        end if;
        indexes := indexes || run_indexes;
        bodies := bodies || run_bodies;
        expected := expected + (upper(run) - lower(run));
    end loop;
    if not pending and cardinality(indexes) <> expected then
        raise exception 'the hash chain expected % events in %, and found %', expected, runs, cardinality(indexes);
    end if;
end
$$;

-- Links the events after the chain's tip: hash(n) = SHA-256(hash(n-1) ‖ int8 n ‖ body(n)), as V30.
-- The caller holds the chain's lock.
create function ledger_chain_link_bodies(indexes bigint[], bodies bytea[]) returns void
    language plpgsql
    set enable_seqscan = off as
$$
declare
    tip_position   bigint;
    tip_hash       bytea;
    first_position bigint;
    body           bytea;
    hashes         bytea[] := '{}';
begin
    select c.position, c.hash into tip_position, tip_hash
    from ledger_chain c order by c.position desc limit 1;
    if not found then
        tip_position := 0;
        tip_hash := decode(repeat('00', 32), 'hex');
    end if;
    first_position := tip_position;
    foreach body in array bodies loop
        tip_position := tip_position + 1;
        tip_hash := sha256(tip_hash || int8send(tip_position) || body);
        hashes := hashes || tip_hash;
    end loop;
    insert into ledger_chain (position, globalindex, hash)
    select first_position + t.n, t.globalindex, t.hash
    from unnest(indexes, hashes) with ordinality as t(globalindex, hash, n);
end
$$;

-- What a writer calls after its commit, before it acknowledges: if anything is pending, waits for
-- the lock and links every pending transaction's events, oldest first, each transaction's together,
-- and forgets them; returns at once when nothing is. How many events it linked.
create function ledger_chain_link_pending() returns bigint
    language plpgsql as
$$
declare
    p       record;
    made    record;
    ids     bigint[] := '{}';
    indexes bigint[] := '{}';
    bodies  bytea[]  := '{}';
begin
    if not exists (select 1 from ledger_chain_pending) then
        return 0;
    end if;
    -- the key spells 'LEDGERCH', as in V5, V6, V8 and V30
    perform pg_advisory_xact_lock(5495873993171944264);
    -- READ COMMITTED: this statement's snapshot is taken after the lock, so it sees what the
    -- previous holder linked and no longer pending
    for p in select l.id, l.runs from ledger_chain_pending l order by l.id loop
        select * into made from ledger_chain_run_bodies(p.runs, true);
        indexes := indexes || made.indexes;
        bodies := bodies || made.bodies;
        ids := ids || p.id;
    end loop;
    if cardinality(ids) = 0 then
        return 0; -- another writer linked them while this one waited
    end if;
    perform ledger_chain_link_bodies(indexes, bodies);
    delete from ledger_chain_pending where id = any (ids);
    return cardinality(indexes);
end
$$;

-- At commit (V8's deferred trigger, or at once with the constraint IMMEDIATE): links this
-- transaction's noted events if the lock is free, else records them as pending.
create or replace function ledger_chain_link_noted() returns boolean
    language plpgsql as
$$
declare
    noted     text := current_setting('ledger.chain_noted', true);
    expected  bigint := nullif(current_setting('ledger.chain_noted_count', true), '')::bigint;
    unchanged text;
    runs      int8range[];
    made      record;
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
    runs := array(select int8range(split_part(r, ':', 1)::bigint, split_part(r, ':', 2)::bigint, '[]')
                  from unnest(string_to_array(noted, ',')) with ordinality as u(r, n)
                  order by u.n);
    -- the bodies are made before the lock is tried: held, it covers only what needs the tip
    select * into made from ledger_chain_run_bodies(runs, false);
    if cardinality(made.indexes) <> expected then
        raise exception 'the hash chain expected % events noted by this transaction and found %',
            expected, cardinality(made.indexes);
    end if;
    if pg_try_advisory_xact_lock(5495873993171944264) then
        -- its own events only: what is pending its writers link (a scan of the pending table here
        -- would lengthen every hold of the lock, and the table's dead rows grow with its use until
        -- autovacuum comes round)
        perform ledger_chain_link_bodies(made.indexes, made.bodies);
    else
        insert into ledger_chain_pending (runs) values (runs);
    end if;
    return true;
end
$$;

-- V31's settings were for the range query, now in ledger_chain_run_bodies
alter function ledger_chain_link_noted() reset all;
