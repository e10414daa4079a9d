-- A tenant's privacy settings in the shape the API has them: lists where it has lists, the
-- placeholder style as its enum name. The columns replaced are converted, then dropped.

alter table tenant
    add column phone_regions               text[] not null default '{US}',
    add column placeholder_style           text not null default 'PLAIN',
    add column truncate_ip_addresses       boolean not null default false,
    add column erase_on_consent_withdrawal text[] not null default '{}',
    add column purposes                    text[] not null
        default '{"Answering visitor questions in live chat","Keeping transcripts for support quality"}';

-- the old default text becomes the new default list; any other text splits on `;` and line breaks,
-- as the exports used to read it
update tenant set
    phone_regions = array[phone_region],
    placeholder_style = case when typed_placeholders then 'TYPED' else 'PLAIN' end,
    purposes = case
        when processing_purposes = 'Answering visitor questions in live chat; keeping transcripts for support quality'
            then '{"Answering visitor questions in live chat","Keeping transcripts for support quality"}'::text[]
        else array(select btrim(p) from regexp_split_to_table(processing_purposes, E'[;\\n]') p where btrim(p) <> '')
    end;

alter table tenant drop column phone_region, drop column typed_placeholders, drop column processing_purposes;
alter table tenant rename column purposes to processing_purposes;

-- what the database can check on its own (the region codes themselves are libphonenumber's to judge)
alter table tenant
    add constraint tenant_phone_regions_check check (
        array_ndims(phone_regions) = 1 and cardinality(phone_regions) between 1 and 20
        and array_position(phone_regions, null) is null
        and array_to_string(phone_regions, ',') ~ '^[A-Z]{2}(,[A-Z]{2})*$'),
    add constraint tenant_placeholder_style_check check (placeholder_style in ('PLAIN', 'TYPED')),
    add constraint tenant_erase_on_consent_withdrawal_check check (
        cardinality(erase_on_consent_withdrawal) <= 50 and array_position(erase_on_consent_withdrawal, null) is null),
    add constraint tenant_processing_purposes_check check (
        cardinality(processing_purposes) <= 50 and array_position(processing_purposes, null) is null);
