-- What the ledger holds now, per agreement, and which publications it has imported: the importer
-- compares each new publication with these. Kept by a subscribing event handler, so a table row
-- changes in the same transaction as the event that changes it.

create table current_agreement (
    agreement_id varchar(255) primary key,
    agency_id    varchar(255) not null,
    state        varchar(2)   not null,
    agency_name  text         not null,
    county       text,
    agency_type  text,
    model        varchar(3)   not null,
    signed_on    date,
    moa_link     text,
    in_force     boolean      not null
);

create index current_agreement_agency on current_agreement (agency_id);

create table imported_publication (
    publication_id varchar(255) primary key,
    sha256         char(64)     not null unique,
    kind           varchar(20)  not null,
    published_on   date         not null,
    edition        varchar(2),
    file_name      text         not null,
    report         jsonb        not null
);

create index imported_publication_date on imported_publication (kind, published_on);
