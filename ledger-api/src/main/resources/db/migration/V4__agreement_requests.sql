-- Requests for agreements from ICE's pending-agencies lists, kept beside current_agreement by the
-- same subscribing handler. Bitemporal enough for "pending on D as known on K": a request is
-- pending from requested_on (known from requested_known_on) until closed_on (known from
-- closed_known_on).

create table agreement_request (
    request_id         varchar(255) primary key,
    agency_id          varchar(255) not null,
    state              varchar(2)   not null,
    agency_name        text         not null,
    model              varchar(3)   not null,
    requested_on       date         not null,
    requested_known_on date         not null,
    closed_on          date,
    closed_known_on    date,
    closure            varchar(40),
    agreement_id       varchar(255)
);

create index agreement_request_agency on agreement_request (agency_id, model);
