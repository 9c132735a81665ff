-- Listeners check whether a source (invoice, credit note, write-off) has its schedule already, per event and per batch.
create index revenue_schedule_source_idx on revenue_schedule (source_id);
