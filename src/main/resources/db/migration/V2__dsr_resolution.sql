-- Data-subject requests closed by hand: who closed the case and why. `note` stays the
-- note given when the case was opened.
alter table data_subject_request add column resolution_note text;
alter table data_subject_request add column closed_by text;
