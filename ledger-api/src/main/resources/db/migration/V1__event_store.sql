-- The tables Axon's JDBC storage engine and token store expect (PostgreSQL layout).
-- Names are unquoted so they fold to lower case, as Axon's SQL writes them; timestamps are
-- ISO-8601 text because that is what Axon writes; payloads are bytea holding Jackson JSON, so an
-- auditor can read them with convert_from(payload, 'UTF8')::jsonb.

create table domainevententry (
    globalindex         bigserial    primary key,
    eventidentifier     varchar(255) not null unique,
    aggregateidentifier varchar(255) not null,
    sequencenumber      bigint       not null,
    type                varchar(255),
    timestamp           varchar(255) not null,
    payloadtype         varchar(255) not null,
    payloadrevision     varchar(255),
    payload             bytea        not null,
    metadata            bytea,
    -- the uniqueness that turns two racing appends into one winner and one conflict
    unique (aggregateidentifier, sequencenumber)
);

create table snapshotevententry (
    aggregateidentifier varchar(255) not null,
    sequencenumber      bigint       not null,
    type                varchar(255) not null,
    eventidentifier     varchar(255) not null unique,
    timestamp           varchar(255) not null,
    payloadtype         varchar(255) not null,
    payloadrevision     varchar(255),
    payload             bytea        not null,
    metadata            bytea,
    primary key (aggregateidentifier, sequencenumber, type)
);

create table tokenentry (
    processorname varchar(255) not null,
    segment       integer      not null,
    token         bytea,
    tokentype     varchar(255),
    timestamp     varchar(255),
    owner         varchar(255),
    primary key (processorname, segment)
);
