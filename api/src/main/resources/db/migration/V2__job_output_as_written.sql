-- jsonb reorders keys and reformats; the API serves output_data verbatim, so keep it exactly as the workflow
-- wrote it (the spec's field order: startTime, endTime, text).
ALTER TABLE jobs ALTER COLUMN output_data TYPE json USING output_data::json;
