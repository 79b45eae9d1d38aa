-- report_agreement_version partitioned by generation, one partition a generation.
--
-- A rebuild wrote a whole generation into the one table through both of its indexes, the GiST
-- above all: at 1,100,000 versions, 23 s of inserts with both indexes, 11 s with the primary key
-- alone, 4 s with neither and then 2 s to build the primary key and 9 s the GiST over the loaded
-- rows (measured with INSERT ... SELECT on the embedded PostgreSQL, 2026-11-25). Now a rebuild
-- loads a table of its own without indexes and attaches it as the new generation's partition,
-- which builds its indexes once, over all of its rows; dropping a generation is dropping its table
-- rather than deleting its rows one by one. Reports and the projection go on naming
-- report_agreement_version: PostgreSQL routes and prunes by generation.
--
-- Partitions are named report_agreement_version_<generation>.

alter table report_agreement_version rename to report_agreement_version_unpartitioned;
alter index report_agreement_version_pkey rename to report_agreement_version_unpartitioned_pkey;
alter index report_agreement_version_valid_known rename to report_agreement_version_unpartitioned_valid_known;

-- as V2 made it (see there for what each column holds)
create table report_agreement_version (
    generation   integer      not null,
    agreement_id varchar(255) not null,
    agency_id    varchar(255) not null,
    agency_name  text         not null,
    state        varchar(2)   not null,
    county       text,
    agency_type  text,
    model        varchar(3)   not null,
    signed_on    date,
    moa_link     text,
    valid        daterange    not null check (not isempty(valid)),
    known        daterange    not null check (not isempty(known)),
    primary key (generation, agreement_id, known, valid)
) partition by list (generation);

create index report_agreement_version_valid_known on report_agreement_version using gist (valid, known);

-- a partition for every generation there are rows of, and for those report_generation names
do $$
declare
    g integer;
begin
    for g in select generation from report_agreement_version_unpartitioned
             union select published from report_generation
             union select building from report_generation loop
        execute format('create table report_agreement_version_%s partition of report_agreement_version'
                       ' for values in (%s)', g, g);
    end loop;
end
$$;

insert into report_agreement_version select * from report_agreement_version_unpartitioned;
drop table report_agreement_version_unpartitioned; -- and V7's trigger on it

-- V7's revision trigger on the new table. A statement trigger of a partitioned table fires for
-- statements on it, which is how the projection writes; a rebuild writes its own table before it
-- is attached, in the transaction that also changes report_generation, which bumps the revision.
create trigger report_agreement_version_revision
    after insert or update or delete or truncate on report_agreement_version
    for each statement execute function report_revision_bump();
alter table report_agreement_version enable always trigger report_agreement_version_revision;
