-- Every audio stream of an asset (a video may carry several: languages, commentary, a silent track), in file
-- order: [{index, codec, sampleRate, channels, language?, default}]. A job's audioTrack is an index into it.
ALTER TABLE assets ADD COLUMN audio_streams JSONB;
-- The audio stream jobs use unless the request names one: the one that carries sound.
ALTER TABLE assets ADD COLUMN audio_track INTEGER;
-- Rows probed before recorded only their first audio stream: that is all they are known to have.
UPDATE assets
SET audio_streams = jsonb_build_array(jsonb_build_object(
        'index', 0, 'codec', audio_codec, 'sampleRate', audio_sample_rate, 'channels', audio_channels,
        'default', true)),
    audio_track = 0
WHERE has_audio;
UPDATE assets SET audio_streams = '[]'::jsonb WHERE NOT has_audio;
ALTER TABLE assets ALTER COLUMN audio_streams SET NOT NULL;
ALTER TABLE assets ADD CONSTRAINT assets_audio_track_check CHECK (audio_track IS NULL OR audio_track >= 0);

-- The source audio stream a job works on (the request's audioTrack, else the asset's); null for older jobs.
ALTER TABLE jobs ADD COLUMN audio_track INTEGER CHECK (audio_track IS NULL OR audio_track >= 0);
