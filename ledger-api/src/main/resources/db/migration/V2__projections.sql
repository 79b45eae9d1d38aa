-- The bitemporal read model behind the reports. It holds nothing the event store does not: it
-- can be dropped and rebuilt from domainevententry at any time (bin/ledger projections rebuild).

-- Rebuilds write a new generation of rows beside the one reports read, and switch in one
-- transaction when it is complete, so no report ever reads half a rebuild. Normally both
-- numbers are equal: the processor writes the generation reports read.
create table report_generation (
    id        integer primary key check (id = 1),
    published integer not null,
    building  integer not null
);
insert into report_generation (id, published, building) values (1, 1, 1);

-- One row per version of an agreement: its facts over a stretch of valid time (valid: when it
-- was in force with these facts) as the public record stood over a stretch of knowledge time
-- (known: from the knownOn of the event that made this version to the knownOn of the event
-- that replaced it). Both ranges are half-open [from, to); an open upper bound means "still".
create table report_agreement_version (
    generation   integer      not null,
    agreement_id varchar(255) not null,
    agency_id    varchar(255) not null,
    agency_name  text         not null,
    state        varchar(2)   not null,
    county       text,
    agency_type  text,
    model        varchar(3)   not null,
    signed_on    date,                  -- null: the signing date was unreadable as published
    moa_link     text,
    valid        daterange    not null check (not isempty(valid)),
    known        daterange    not null check (not isempty(known)),
    -- also the index the projection uses to replace one agreement's rows
    primary key (generation, agreement_id, known, valid)
);

-- Every report asks "which versions contain the point (asOf, knownAt)": a two-dimensional
-- containment search, which GiST answers without scanning the table.
create index report_agreement_version_valid_known on report_agreement_version using gist (valid, known);
