-- Publications held for review, and the same bytes posted again on another day.
--
-- A list that would wreck the history (a truncated list withdrawing a third of the agreements, a row
-- no rule reads) is recorded as held, applied only if an archivist releases it, or rejected. ICE has
-- re-posted an old file under a new day's name (its 2025-04-21 list is byte for byte its 2025-03-06
-- list), which is a publication of that day: a file is one publication per day, not per bytes.
-- Editions now include ICE's midday ("mid").

alter table imported_publication drop constraint imported_publication_sha256_key;
alter table imported_publication add constraint imported_publication_sha256_day unique (sha256, published_on);
alter table imported_publication alter column edition type varchar(8);
alter table imported_publication add column state varchar(10) not null default 'applied'
    check (state in ('applied', 'held', 'released', 'rejected'));
alter table imported_publication add column reason text;
