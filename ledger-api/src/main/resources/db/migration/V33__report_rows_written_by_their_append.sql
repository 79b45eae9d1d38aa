-- Report rows written by the append itself (issue 18). A single acknowledged append (the HTTP and
-- command line appends) writes its agreement's report rows inside its own transaction, as the
-- listing's are written, instead of waiting for the report processor to fetch its event back and
-- write them in a transaction of its own. The processor still sees every event, later; for each
-- agreement this table says which of its events the generation's rows already fold, so that the
-- processor neither writes them again nor sets them back (recomputing an agreement "up to" an
-- older event after its append wrote a newer one would undo that until the processor caught up).
-- Both writers take a transaction advisory lock per agreement (the two-key form, key 287) before
-- they read or write it.
create table report_agreement_through (
    generation   integer not null,
    agreement_id text    not null,
    -- the sequence number of the agreement's last event the generation's rows fold
    sequence     bigint  not null,
    primary key (generation, agreement_id)
);
