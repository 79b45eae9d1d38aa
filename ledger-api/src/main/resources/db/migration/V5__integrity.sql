-- Tamper evidence and access.
--
-- 1. A SHA-256 hash chain over the event store in append order. Every insert into
--    domainevententry, by any writer, extends the chain in the inserting transaction (a trigger
--    sees them all; the application cannot forget it). Link n covers link n-1 and the whole
--    stored event, so changing, deleting or slipping in an event breaks the chain from there on,
--    and a digest (position, hash) handed out earlier proves later that history up to it is
--    unchanged. The byte layout is defined once, in ledger_chain_link below; the Java verifier
--    (integrity.ChainLinks) recomputes it byte for byte and the README documents it for auditors.
-- 2. Event and chain rows are never updated or deleted: triggers refuse it for every role that
--    does not first switch the triggers off (which only an owner or superuser can: the "hostile
--    DBA" that verification exists to catch).
-- 3. API tokens: not events, so they may change (revocation); only a bcrypt hash of the secret.

create table ledger_chain (
    -- the chain's own dense position (1, 2, ...): globalindex has gaps and, with concurrent
    -- writers, is not quite the order in which events were committed
    position    bigint primary key check (position > 0),
    globalindex bigint not null unique,
    hash        bytea  not null check (length(hash) = 32)
);

-- field(x) = 4-byte big-endian length, then the bytes; a null is the length -1 and no bytes.
-- Length prefixes keep fields from running into each other ("ab"+"c" is not "a"+"bc").
create function ledger_chain_field(value bytea) returns bytea
    language sql immutable as
$$ select case when value is null then int4send(-1) else int4send(length(value)) || value end $$;

create function ledger_chain_text(value text) returns bytea
    language sql immutable as
$$ select ledger_chain_field(convert_to(value, 'UTF8')) $$;

-- hash(n) = SHA-256(hash(n-1) ‖ int8 n ‖ int8 globalindex ‖ field(eventidentifier)
--           ‖ field(aggregateidentifier) ‖ int8 sequencenumber ‖ field(type) ‖ field(payloadtype)
--           ‖ field(payloadrevision) ‖ field(timestamp) ‖ field(payload) ‖ field(metadata))
-- with int8 = 8-byte big-endian two's complement, text as UTF-8, hash(0) = 32 zero bytes.
create function ledger_chain_link(previous bytea, link_position bigint, e domainevententry) returns bytea
    language sql immutable as
$$ select sha256(previous
                 || int8send(link_position)
                 || int8send(e.globalindex)
                 || ledger_chain_text(e.eventidentifier)
                 || ledger_chain_text(e.aggregateidentifier)
                 || int8send(e.sequencenumber)
                 || ledger_chain_text(e.type)
                 || ledger_chain_text(e.payloadtype)
                 || ledger_chain_text(e.payloadrevision)
                 || ledger_chain_text(e.timestamp)
                 || ledger_chain_field(e.payload)
                 || ledger_chain_field(e.metadata)) $$;

create function ledger_chain_append(e domainevententry) returns void
    language plpgsql as
$$
declare
    tip_position bigint;
    tip_hash     bytea;
begin
    -- One writer extends the chain at a time, until its transaction ends. A transaction-scoped
    -- advisory lock rather than a lock on a "tip" row: the chain table stays insert-only, and
    -- autovacuum never holds it up. The key spells 'LEDGERCH'. In READ COMMITTED the next
    -- statement's snapshot is taken after the lock is granted, so it sees the previous
    -- writer's committed link; a stale snapshot (REPEATABLE READ) would collide on the primary
    -- key and fail the append rather than fork the chain.
    perform pg_advisory_xact_lock(5495873993171944264);
    select c.position, c.hash into tip_position, tip_hash
    from ledger_chain c order by c.position desc limit 1;
    if not found then
        tip_position := 0;
        tip_hash := decode(repeat('00', 32), 'hex');
    end if;
    insert into ledger_chain (position, globalindex, hash)
    values (tip_position + 1, e.globalindex, ledger_chain_link(tip_hash, tip_position + 1, e));
end
$$;

create function ledger_chain_extend() returns trigger
    language plpgsql as
$$
begin
    perform ledger_chain_append(new);
    return null;
end
$$;

create trigger domainevententry_chain after insert on domainevententry
    for each row execute function ledger_chain_extend();

-- Events appended before this migration join the chain in the order of their global index.
do $$
declare
    e domainevententry;
begin
    for e in select * from domainevententry order by globalindex loop
        perform ledger_chain_append(e);
    end loop;
end
$$;

create function ledger_refuse_rewrite() returns trigger
    language plpgsql as
$$
begin
    raise exception 'the ledger is append-only: % on % is refused', tg_op, tg_table_name
        using errcode = 'insufficient_privilege', hint = 'a correction is a new event';
end
$$;

create trigger domainevententry_append_only before update or delete on domainevententry
    for each row execute function ledger_refuse_rewrite();
create trigger domainevententry_no_truncate before truncate on domainevententry
    for each statement execute function ledger_refuse_rewrite();
create trigger ledger_chain_append_only before update or delete on ledger_chain
    for each row execute function ledger_refuse_rewrite();
create trigger ledger_chain_no_truncate before truncate on ledger_chain
    for each statement execute function ledger_refuse_rewrite();

create table api_token (
    -- the public half of the token "<id>.<secret>": a request is looked up by it, so only one
    -- bcrypt comparison runs per request
    id          varchar(32)  primary key,
    role        varchar(16)  not null check (role in ('archivist', 'auditor')),
    name        text,
    secret_hash varchar(100) not null,
    created_at  timestamptz  not null default now(),
    revoked_at  timestamptz
);
