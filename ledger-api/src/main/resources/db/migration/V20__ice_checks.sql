-- Every run of the ICE watcher (`bin/ledger watch`, or the same job inside `serve`) and of
-- `bin/ledger backfill --wayback`: when it ran, whether it succeeded, and what it found, so that
-- /actuator/health and the report page can say when ICE was last checked and what came of it even
-- when the job runs in another process (a systemd timer or cron). Not part of the event store: these
-- are the watcher's own notes, the lists it imported are events as any import's are.
create table ice_check (
    id           bigserial   primary key,
    job          text        not null check (job in ('watch', 'backfill')),
    started_at   timestamptz not null,
    finished_at  timestamptz not null,
    succeeded    boolean     not null,
    summary      text        not null,
    -- what it found, one object a list or problem (see watching.Finding)
    findings     jsonb       not null,
    -- the 287(g) page's validators and the list links it held, for the next conditional request
    page_etag          text,
    page_last_modified text,
    page_links         jsonb
);
create index ice_check_by_job on ice_check (job, finished_at desc);
