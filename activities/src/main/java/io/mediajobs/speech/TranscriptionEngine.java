package io.mediajobs.speech;

import io.mediajobs.workflows.subtitles.SubtitleOptions;
import io.mediajobs.workflows.subtitles.SubtitleSegment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.mediajobs.media.EngineThreads;
import io.mediajobs.media.FfmpegBinaries;
import io.mediajobs.media.MediaInfo;
import io.mediajobs.media.MediaProber;
import io.mediajobs.media.UnsupportedMediaException;

/**
 * Transcribes one of a media file's audio tracks into caption cues: FFmpeg streams 16 kHz mono PCM on the media's
 * presentation timeline (so cue times are what a player shows), which is cut into windows of at most 30 s by
 * {@link AudioWindower} (speech chunks found by {@link SileroVad} put back to back, or, without its model, cuts at
 * quiet moments); windows without speech are skipped, the others go to the {@link SpeechRecognizer}; each window's
 * segments are shaped into captions and checkpointed, in media order. Windows hold 15 to 30 s of speech, and a window
 * the recognizer stopped in before its end (its last complete segment, {@link SpeechRecognizer#seeks}) is
 * continued from there by the next window, which holds the audio that follows: faster-whisper's seek loop.
 *
 * <p>The media is split into up to {@code parallelWindows} contiguous <em>lanes</em>, handed over from one to the
 * next in a pause. Each lane decodes its windows one after the other, each conditioned on the tokens of the window
 * before (faster-whisper's {@code condition_on_previous_text}, which is worth most of its accuracy on long speech),
 * and the lanes run side by side, each on its own recognizer context: whisper.cpp 1.7.1's threads spin-wait on each
 * other, so N single-thread contexts use N cores better than one N-thread context, above all on a busy machine.
 * The job's thread merges the lanes' windows in media order (a later lane's windows wait until the lanes before it
 * are done), so checkpoints only ever cover a prefix of the media and a resumed job re-plans its lanes from there.
 *
 * <p>Plain Java: the Temporal activity wraps {@link #transcribe} and turns listener calls into heartbeats. One
 * engine per worker process; thread-safe (concurrency is bounded by the recognizer's pool).
 */
public final class TranscriptionEngine {

    /**
     * @param maxWindowSeconds   longest window (Whisper's context is 30 s)
     * @param minWindowSeconds   the cut is searched for between this and the maximum
     * @param progressInterval   how often {@link TranscriptionListener#onProgress} is called while a window runs
     * @param probeTimeout       ffprobe's timeout
     * @param decodeStallTimeout FFmpeg is killed if a read waits this long for audio
     * @param decodeMaxRuntime   FFmpeg is killed after this long in any case
     * @param parallelWindows    lanes of one job recognised at once (at least 1; match the recognizer's contexts)
     */
    public record Options(double maxWindowSeconds, double minWindowSeconds, Duration progressInterval,
                          Duration probeTimeout, Duration decodeStallTimeout, Duration decodeMaxRuntime,
                          int parallelWindows) {

        public Options {
            if (!(maxWindowSeconds > 1 && maxWindowSeconds <= 30) || !(minWindowSeconds >= 0
                    && minWindowSeconds < maxWindowSeconds)) {
                throw new IllegalArgumentException("windows must be 0 <= min < max <= 30 s");
            }
            if (parallelWindows < 1) {
                throw new IllegalArgumentException("parallelWindows must be at least 1");
            }
        }

        public Options(double maxWindowSeconds, double minWindowSeconds, Duration progressInterval,
                       Duration probeTimeout, Duration decodeStallTimeout, Duration decodeMaxRuntime) {
            this(maxWindowSeconds, minWindowSeconds, progressInterval, probeTimeout, decodeStallTimeout,
                    decodeMaxRuntime, 1);
        }

        public static Options defaults() {
            return new Options(30, 15, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(120),
                    Duration.ofHours(24), 1);
        }

        public Options withParallelWindows(int n) {
            return new Options(maxWindowSeconds, minWindowSeconds, progressInterval, probeTimeout,
                    decodeStallTimeout, decodeMaxRuntime, n);
        }
    }

    /**
     * Media longer than this get cues without word timings: the cues travel through Temporal (heartbeat
     * checkpoints, the activity's result, the projection's input), whose payloads are limited to 2 MB, and 90 min of
     * fast speech is ~16,000 words (~1.2 MB of JSON with its cues). Decided on the probed duration, so every attempt
     * of a job decides the same.
     */
    static final double MAX_WORD_TIMED_SECONDS = 90 * 60;

    /**
     * A lane covers at least this much media: shorter media is one lane (shorter lanes would hand over more often
     * than they gain from running side by side).
     */
    static final double MIN_LANE_SECONDS = 30;

    /** A window whose last this-many seconds are unvoiced was cut in a pause: no word runs through the cut. */
    private static final double PAUSE_AT_CUT_SECONDS = 0.2;

    /** Runs recognizer calls so the calling thread stays free to report progress and notice cancellation. */
    private static final ExecutorService INFERENCE = Executors.newCachedThreadPool(
            EngineThreads.factory("speech-inference")); // below normal priority: the API and heartbeats come first

    private final SpeechRecognizer recognizer;
    private final SileroVad vad;
    private final MediaProber prober;
    private final FfmpegAudioDecoder decoder;
    private final Options options;

    public TranscriptionEngine(SpeechRecognizer recognizer, FfmpegBinaries binaries) {
        this(recognizer, binaries, Options.defaults());
    }

    public TranscriptionEngine(SpeechRecognizer recognizer, FfmpegBinaries binaries, Options options) {
        this(recognizer, null, binaries, options);
    }

    /**
     * @param vad the speech detector that cuts windows and skips non-speech, or null for the energy fallback
     *            (cannot tell music or noise from speech)
     */
    public TranscriptionEngine(SpeechRecognizer recognizer, SileroVad vad, FfmpegBinaries binaries,
                               Options options) {
        this.recognizer = recognizer;
        this.vad = vad;
        this.options = options;
        this.prober = new MediaProber(binaries, options.probeTimeout());
        this.decoder = new FfmpegAudioDecoder(binaries, options.decodeStallTimeout(), options.decodeMaxRuntime());
    }

    /**
     * Transcribes {@code media}, resuming after {@code resumeFrom}'s offset when given.
     *
     * @param resumeFrom the last checkpoint a previous attempt reported, or null to start at 0
     * @param listener   progress and checkpoints; may throw to cancel (rethrown as is)
     * @return caption-shaped cues for the whole media, including the resumed ones
     * @throws UnsupportedMediaException                if the file has no decodable audio track
     * @throws TranscriptionInterruptedException        if the thread is interrupted
     * @throws UncheckedIOException                     if FFmpeg fails or stalls
     * @throws RecognitionFailedException               if the recognizer rejects a window (deterministic); the
     *                                                  message names the stretch of media and is meant for users
     */
    public Transcript transcribe(Path media, TranscriptionCheckpoint resumeFrom, TranscriptionListener listener) {
        return transcribe(media, null, resumeFrom, listener);
    }

    /**
     * {@link #transcribe(Path, TranscriptionCheckpoint, TranscriptionListener)} of one audio track.
     *
     * @param audioTrack 0-based among the media's audio streams; null = the one {@link MediaProber} prefers
     * @throws UnsupportedMediaException also when the media has no such track
     */
    public Transcript transcribe(Path media, Integer audioTrack, TranscriptionCheckpoint resumeFrom,
            TranscriptionListener listener) {
        return transcribe(media, audioTrack, SubtitleOptions.defaults(), resumeFrom, listener);
    }

    /**
     * {@link #transcribe(Path, Integer, TranscriptionCheckpoint, TranscriptionListener)} with a job's options: the
     * language is detected once, with the model's language-id on the first window with speech, unless forced
     * (or the model is English-only); every window is then decoded in it, translated to English on
     * {@code translate}, with the prompt as previous text; cues are laid out as {@code maxLineLength} and
     * {@code maxLines} say.
     *
     * @param jobOptions null = every default
     * @throws UnsupportedSpeechOptionsException if the model cannot honour the options (checked before any work)
     */
    public Transcript transcribe(Path media, Integer audioTrack, SubtitleOptions jobOptions,
            TranscriptionCheckpoint resumeFrom, TranscriptionListener listener) {
        SubtitleOptions job = jobOptions == null ? SubtitleOptions.defaults() : jobOptions;
        String forced = checkOptions(job);
        CaptionShaper.Layout layout = new CaptionShaper.Layout(job.lineLength(), job.lines());
        TranscriptionListener events = listener == null ? TranscriptionListener.NONE : listener;
        MediaInfo info = prober.probe(media);
        if (!info.hasAudio()) {
            throw new UnsupportedMediaException("Unsupported media file: it has no audio track to transcribe");
        }
        MediaInfo.AudioStream track = info.audioTrack(audioTrack);
        double duration = info.durationSeconds();
        TranscriptionCheckpoint start = resumeFrom == null ? TranscriptionCheckpoint.start() : resumeFrom;
        Progress progress = new Progress(events, duration);
        JobSpeech speech = new JobSpeech(job, forced != null ? forced : start.language(),
                forced != null ? null : start.languageProbability(), progress);
        List<SubtitleSegment> cues = new ArrayList<>(start.segments());
        double offset = start.resumeOffsetSeconds();
        int transcribed = 0;
        int skipped = 0;
        progress.report(offset);
        checkInterrupted();

        if (offset < duration) {
            List<Lane> lanes = lanes(media, info, track, offset, duration, speech);
            try {
                for (Lane lane : lanes) {
                    lane.future = INFERENCE.submit(lane);
                }
                for (Lane lane : lanes) {
                    while (true) {
                        LaneItem item = next(lane, lanes, offset, progress);
                        if (item instanceof LaneItem.Failed failed) {
                            throw failure(failed.error(), media);
                        }
                        if (!(item instanceof LaneItem.Window w)) {
                            break; // the lane's end: the next lane starts where it ended
                        }
                        if (w.raw() != null) {
                            List<SubtitleSegment> shaped = CaptionShaper.shapeWindow(w.raw(), w.start(),
                                    w.seconds(), w.activity(), cues, w.rehears(), layout);
                            cues.addAll(duration <= MAX_WORD_TIMED_SECONDS ? shaped : shaped.stream()
                                    .map(c -> new SubtitleSegment(c.startTime(), c.endTime(), c.text())).toList());
                            transcribed++;
                        } else {
                            skipped++;
                        }
                        double windowEnd = Math.round((w.start() + w.seconds()) * 1000.0) / 1000.0;
                        progress.report(windowEnd);
                        events.onCheckpoint(new TranscriptionCheckpoint(windowEnd, cues, speech.language,
                                speech.languageProbability));
                    }
                }
            } finally {
                // on failure or cancellation: stop the lanes; each context returns to the pool when its window ends
                lanes.forEach(l -> {
                    if (l.future != null) {
                        l.future.cancel(true);
                    }
                });
            }
        }
        progress.done();
        // Cues stop at the media's end: the probed length, or later where the decoded audio ran longer
        double mediaEnd = Math.max(duration, cues.stream().mapToDouble(SubtitleSegment::endTime).max().orElse(0));
        return new Transcript(CaptionShaper.finish(cues, mediaEnd), duration, transcribed, skipped, speech.language,
                speech.languageProbability, recognizer.modelName());
    }

    /**
     * Checks the options against the model; returns the language to decode in when it is fixed up front (forced,
     * or the only one an English-only model has), null to detect it.
     */
    private String checkOptions(SubtitleOptions options) {
        boolean multilingual = recognizer.multilingual();
        String model = recognizer.modelName() == null ? "this worker's speech model"
                : "the speech model " + recognizer.modelName();
        String language = options.language() == null ? SubtitleOptions.AUTO : options.language();
        if (!multilingual && options.translate()) {
            throw new UnsupportedSpeechOptionsException("Translation is not available: " + model
                    + " is English-only");
        }
        if (!SubtitleOptions.AUTO.equals(language) && !recognizer.languages().contains(language)) {
            throw new UnsupportedSpeechOptionsException(multilingual
                    ? "Language '" + language + "' is not supported by " + model
                    : "Language '" + language + "' is not available: " + model + " is English-only");
        }
        if (options.prompt() != null && !options.prompt().isBlank()) {
            String shape = WhisperCapabilities.promptShapeProblem(options.prompt());
            if (shape != null) { // before any native tokenizing (see there)
                throw new UnsupportedSpeechOptionsException("The " + shape);
            }
            int tokens = recognizer.countTokens(options.prompt());
            if (tokens > SubtitleOptions.MAX_PROMPT_TOKENS) {
                throw new UnsupportedSpeechOptionsException("The prompt is " + tokens + " tokens long; at most "
                        + SubtitleOptions.MAX_PROMPT_TOKENS + " are allowed");
            }
        }
        if (SubtitleOptions.AUTO.equals(language)) {
            return multilingual ? null : "en";
        }
        return language;
    }

    /**
     * Splits {@code [offset, duration)} into up to {@code parallelWindows} lanes of at least
     * {@value #MIN_LANE_SECONDS} s, each handed over to the next in a pause (see {@link #handOver}).
     */
    private List<Lane> lanes(Path media, MediaInfo info, MediaInfo.AudioStream track, double offset, double duration,
            JobSpeech speech) {
        int n = (int) Math.max(1, Math.min(options.parallelWindows(), (duration - offset) / MIN_LANE_SECONDS));
        List<Double> starts = new ArrayList<>(List.of(offset));
        for (int k = 1; k < n; k++) {
            double at = handOver(media, info, track, offset + k * (duration - offset) / n);
            if (at > starts.get(starts.size() - 1) + 1 && at < duration - 1) {
                starts.add(at);
            }
        }
        speech.lanes(starts.size());
        List<Lane> lanes = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            lanes.add(new Lane(k, starts.get(k), k + 1 < starts.size() ? starts.get(k + 1) : null, media, info,
                    track, speech));
        }
        return lanes;
    }

    /**
     * Where a lane starting near {@code near} should start so that no word is cut: the end of the first piece the
     * windower cuts from there (a pause, or the end of leading non-speech; without a detector the quietest moment
     * of the next {@code maxWindowSeconds}).
     */
    private double handOver(Path media, MediaInfo info, MediaInfo.AudioStream track, double near) {
        try (FfmpegAudioDecoder.Stream pcm = decoder.open(media, info, track, near)) {
            AudioWindower.Window first = new AudioWindower(pcm, seconds(options.maxWindowSeconds()), 0, vad)
                    .firstPiece();
            return first == null ? near : near + first.length() / (double) SpeechRecognizer.SAMPLE_RATE;
        } catch (IOException e) {
            throw new UncheckedIOException("Transcription failed while decoding " + media.getFileName() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The lane's next item, reporting progress (all lanes' finished audio, plus an estimate inside running windows)
     * every {@code progressInterval} while waiting. A failure of a later lane is reported at once.
     */
    private LaneItem next(Lane lane, List<Lane> lanes, double offset, Progress progress) {
        try {
            while (true) {
                LaneItem item = lane.out.poll(options.progressInterval().toMillis(), TimeUnit.MILLISECONDS);
                if (item != null) {
                    return item;
                }
                double done = offset;
                for (Lane l : lanes) {
                    if (l.last instanceof LaneItem.Failed failed) {
                        return failed; // no need to wait for the lanes before it
                    }
                    done += l.doneSeconds + l.estimateInWindow(progress.secondsPerAudioSecond);
                }
                progress.nudge(done);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscriptionInterruptedException("Transcription interrupted", e);
        }
    }

    /** A lane's failure as {@link #transcribe} reports it. */
    private static RuntimeException failure(Throwable error, Path media) {
        if (error instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new TranscriptionInterruptedException("Transcription interrupted", error);
        }
        if (error instanceof IOException io) {
            return new UncheckedIOException("Transcription failed while decoding " + media.getFileName() + ": "
                    + io.getMessage(), io);
        }
        if (error instanceof RuntimeException re) {
            return re;
        }
        if (error instanceof Error err) {
            throw err;
        }
        return new IllegalStateException("speech recognition failed", error);
    }

    /** What a lane hands to the job's thread, in media order. */
    private sealed interface LaneItem {

        /**
         * A window: {@code raw} segments in seconds from {@code start} (media time), null when skipped (no speech);
         * it covers {@code seconds} of media; {@code rehears} = it starts with speech the window before left out.
         */
        record Window(double start, double seconds, List<RecognizedSegment> raw, VoiceActivityDetector activity,
                      boolean rehears) implements LaneItem {
        }

        /** The lane is done: the next lane continues where it ended. */
        record End() implements LaneItem {
        }

        record Failed(Throwable error) implements LaneItem {
        }
    }

    /**
     * A contiguous stretch of the media, {@code [start, end)} (end null = to the end of the media), transcribed
     * window after window on its own FFmpeg stream, each window conditioned on the tokens of the one before
     * ({@link SpeechRecognizer#recognize(float[], int, Decoding, int[])}): Whisper hears a lane as its own
     * long-form loop hears a whole file, while lanes run side by side. Runs on {@link #INFERENCE}; its windows
     * go to {@link #out} in order, then an End or a Failed.
     */
    private final class Lane implements Callable<Void> {
        final int index;
        final double start;
        final Double end;
        final Path media;
        final MediaInfo info;
        final MediaInfo.AudioStream track;
        final JobSpeech speech;
        final BlockingQueue<LaneItem> out = new LinkedBlockingQueue<>();
        volatile LaneItem last;
        volatile Future<?> future;
        /** Media seconds from {@link #start} that are finished. */
        volatile double doneSeconds;
        private volatile long windowStarted;
        private volatile double windowSeconds;

        Lane(int index, double start, Double end, Path media, MediaInfo info, MediaInfo.AudioStream track,
             JobSpeech speech) {
            this.index = index;
            this.start = start;
            this.end = end;
            this.media = media;
            this.info = info;
            this.track = track;
            this.speech = speech;
        }

        @Override
        public Void call() {
            try (FfmpegAudioDecoder.Stream pcm = decoder.open(media, info, track, start)) {
                PcmSource source = end == null ? pcm
                        : limit(pcm, Math.round((end - start) * SpeechRecognizer.SAMPLE_RATE));
                run(new AudioWindower(source, seconds(options.maxWindowSeconds()),
                        seconds(options.minWindowSeconds()), vad));
                if (end == null) {
                    pcm.finish();
                }
                emit(new LaneItem.End());
            } catch (Throwable e) {
                emit(new LaneItem.Failed(e));
            } finally {
                speech.laneDone(index);
            }
            return null;
        }

        private void run(AudioWindower windower) throws IOException, InterruptedException {
            int[] context = null;
            boolean rehears = false;
            AudioWindower.Window window;
            while ((window = windower.next()) != null) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("transcription cancelled");
                }
                double windowStart = start + window.startSample() / (double) SpeechRecognizer.SAMPLE_RATE;
                double length = window.length() / (double) SpeechRecognizer.SAMPLE_RATE;
                double seconds = window.spanLength() / (double) SpeechRecognizer.SAMPLE_RATE;
                VoiceActivityDetector activity = window.activity() != null ? window.activity()
                        : VoiceActivityDetector.analyse(window.samples(), window.length());
                if (!activity.hasSpeech()) {
                    emit(new LaneItem.Window(windowStart, seconds, null, activity, false));
                    doneSeconds = windowStart + seconds - start;
                    continue;
                }
                boolean mayRehear = !window.last() && (window.activity() != null ? !window.endsInPause()
                        : activity.voicedFraction(length - PAUSE_AT_CUT_SECONDS, length) > 0);
                Decoding decoding = new Decoding(speech.language(index, window, recognizer),
                        speech.options.translate(), speech.options.prompt());
                windowStarted = System.nanoTime();
                windowSeconds = seconds;
                SpeechRecognizer.Recognition recognition = recognize(window.samples(), window.length(), decoding,
                        context, windowStart, seconds);
                speech.learn(seconds, (System.nanoTime() - windowStarted) / 1e9);
                int[] promptUsed = context;
                context = recognition.context();
                List<RecognizedSegment> raw = recognition.segments();
                SpeechChunks chunks = window.chunks();
                int heard = heard(recognition, window.length());
                if (heard < window.length() && !windower.canPushBack(window, heard)) {
                    // The rest lies in an earlier chunk (or cannot be put back): decode it here, padded
                    List<RecognizedSegment> all = new ArrayList<>(raw);
                    while (heard < window.length()) {
                        double at = heard / (double) SpeechRecognizer.SAMPLE_RATE;
                        float[] rest = java.util.Arrays.copyOfRange(window.samples(), heard, window.length());
                        double restFrom = chunks == null ? at : chunks.toSpan(at, false); // media, not window, time
                        recognition = recognize(rest, rest.length, decoding, context, windowStart + restFrom,
                                seconds - restFrom);
                        context = recognition.context();
                        for (RecognizedSegment s : recognition.segments()) {
                            all.add(s.shifted(at));
                        }
                        heard += heard(recognition, rest.length);
                    }
                    raw = all;
                }
                boolean nextRehears = false;
                if (heard < window.length()) {
                    // Whisper's seek: the next window starts at the end of the last complete segment, so the
                    // unfinished one is decoded again with the audio after it, conditioned on this window's text
                    windower.pushBack(window, heard);
                    double at = heard / (double) SpeechRecognizer.SAMPLE_RATE;
                    raw = upTo(raw, at);
                    seconds = chunks == null ? at : chunks.toSpan(at, true);
                    nextRehears = true;
                } else {
                    // A recognizer that seeks already left out an unfinished last segment (the branch above)
                    int done = mayRehear && !recognizer.seeks() ? rehearFrom(raw, window.length()) : window.length();
                    if (chunks != null && done <= chunks.windowStart(chunks.size() - 1)) {
                        done = window.length(); // only the last chunk's end can be heard again
                    }
                    if (done < window.length()) {
                        windower.pushBack(window, done); // the windower read nothing after it
                        // The re-heard part's own text is in the new context: decoding it again with that prompt
                        // would prime it with its own words, so it gets the prompt this window had.
                        context = promptUsed;
                        raw = allButLast(raw, done / (double) SpeechRecognizer.SAMPLE_RATE);
                        seconds = chunks == null ? done / (double) SpeechRecognizer.SAMPLE_RATE
                                : chunks.toSpan(done / (double) SpeechRecognizer.SAMPLE_RATE, true);
                        nextRehears = true;
                    }
                }
                if (chunks != null) { // from the chunks back to back to the media's timeline
                    raw = chunks.toSpan(raw);
                    activity = chunks.activity();
                }
                windowSeconds = 0;
                emit(new LaneItem.Window(windowStart, seconds, raw, activity, rehears));
                doneSeconds = windowStart + seconds - start;
                rehears = nextRehears;
            }
        }

        /**
         * One recognizer call on audio that starts {@code from} seconds into the media and lasts {@code seconds}.
         *
         * @throws RecognitionFailedException naming that stretch of the media when the recognizer rejects it
         */
        private SpeechRecognizer.Recognition recognize(float[] samples, int length, Decoding decoding,
                                                       int[] context, double from, double seconds)
                throws InterruptedException {
            try {
                return recognizer.recognize(samples, length, decoding, context);
            } catch (RecognitionFailedException failed) {
                throw new RecognitionFailedException("Speech recognition failed on the audio from "
                        + clock(from) + " to " + clock(from + seconds)
                        + "; the speech engine rejects this part of the media, so retrying will not help", failed);
            }
        }

        private void emit(LaneItem item) {
            last = item;
            out.add(item);
        }

        /** Media seconds of the running window probably done: approaches (never reaches) its end. */
        double estimateInWindow(double secondsPerAudioSecond) {
            double seconds = windowSeconds;
            if (seconds <= 0) {
                return 0;
            }
            double elapsed = (System.nanoTime() - windowStarted) / 1e9;
            double expected = Math.max(0.5, seconds * secondsPerAudioSecond);
            return 0.95 * (1 - Math.exp(-elapsed / expected)) * seconds;
        }
    }

    /** The first {@code samples} of {@code source}. */
    /**
     * The first {@code samples} of a lane's decoder. A decoder whose output ends before them is checked like the last
     * lane's ({@code finish}): FFmpeg failing mid-file fails the job instead of silently cutting the lane short; a
     * clean early end (media shorter than its header claimed) is the lane's end.
     */
    private static PcmSource limit(FfmpegAudioDecoder.Stream source, long samples) {
        return new PcmSource() {
            private long left = samples;

            @Override
            public int read(float[] dst, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = source.read(dst, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                } else if (n < 0) {
                    source.finish();
                }
                return n;
            }
        };
    }

    /**
     * A job's decoding state: its options and its language, fixed up front (forced, resumed, English-only model) or
     * detected with the model's language-id on the first window with speech in media order: a lane waits for the
     * lanes before it to find speech (and detect) or end without any. Shared by the job's lanes.
     */
    private static final class JobSpeech {
        final SubtitleOptions options;
        final Progress progress;
        volatile String language;
        volatile Double languageProbability;
        private boolean[] ended = new boolean[0];

        JobSpeech(SubtitleOptions options, String language, Double languageProbability, Progress progress) {
            this.options = options;
            this.language = language;
            this.languageProbability = languageProbability;
            this.progress = progress;
        }

        synchronized void lanes(int n) {
            ended = new boolean[n];
        }

        /** The job's language, detected on {@code window} when no earlier lane can still detect it. */
        synchronized String language(int lane, AudioWindower.Window window, SpeechRecognizer recognizer)
                throws InterruptedException {
            while (language == null && !earlierEnded(lane)) {
                wait();
            }
            if (language == null) { // once per job, on the first voiced audio
                LanguageDetection detected = recognizer.detectLanguage(window.samples(), window.length())
                        .orElse(null);
                language = detected == null ? "en" : detected.language();
                languageProbability = detected == null ? null : detected.probability();
                notifyAll();
            }
            return language;
        }

        private boolean earlierEnded(int lane) {
            for (int k = 0; k < lane; k++) {
                if (!ended[k]) {
                    return false;
                }
            }
            return true;
        }

        synchronized void laneDone(int lane) {
            if (lane < ended.length) {
                ended[lane] = true;
            }
            notifyAll();
        }

        void learn(double windowSeconds, double elapsed) {
            progress.learn(windowSeconds, elapsed);
        }
    }

    /**
     * Where the next window should start, as a sample index of this one: its length, unless the cut runs through
     * speech (no pause at the window's end). Then a word may be split, so the last segment is left out and heard
     * again, from its start, at the start of the next window (as Whisper itself seeks to its last timestamp).
     * Never before the window's middle, so every window moves on by at least half its length.
     */
    private static int rehearFrom(List<RecognizedSegment> raw, int length) {
        double windowSeconds = length / (double) SpeechRecognizer.SAMPLE_RATE;
        if (raw.size() < 2) {
            return length;
        }
        double from = raw.get(raw.size() - 1).start();
        if (from < windowSeconds / 2 || from >= windowSeconds - PAUSE_AT_CUT_SECONDS) {
            return length;
        }
        return (int) Math.round(from * SpeechRecognizer.SAMPLE_RATE);
    }

    /**
     * Samples of a window of {@code length} that the recognition covers: all of it, unless the recognizer stopped
     * at its last complete segment ({@link SpeechRecognizer.Recognition#heardSeconds}) more than a second before the
     * end; at least a second, so every window moves on.
     */
    static int heard(SpeechRecognizer.Recognition recognition, int length) {
        double heard = recognition.heardSeconds();
        if (!(heard * SpeechRecognizer.SAMPLE_RATE < length - SpeechRecognizer.SAMPLE_RATE)) {
            return length;
        }
        return (int) Math.max(SpeechRecognizer.SAMPLE_RATE, Math.round(heard * SpeechRecognizer.SAMPLE_RATE));
    }

    /** The segments that start before {@code seconds}, ending there at the latest. */
    private static List<RecognizedSegment> upTo(List<RecognizedSegment> raw, double seconds) {
        List<RecognizedSegment> out = new ArrayList<>();
        for (RecognizedSegment s : raw) {
            if (s.start() < seconds) {
                out.add(s.end() <= seconds ? s : new RecognizedSegment(s.start(), seconds, s.text(),
                        s.words().stream().filter(w -> w.start() < seconds).map(w -> new RecognizedWord(
                                w.start(), Math.min(w.end(), seconds), w.text(), w.probability())).toList()));
            }
        }
        return out;
    }

    /** All but the last segment, ending at {@code seconds} at the latest. */
    private static List<RecognizedSegment> allButLast(List<RecognizedSegment> raw, double seconds) {
        List<RecognizedSegment> out = new ArrayList<>();
        for (RecognizedSegment s : raw.subList(0, raw.size() - 1)) {
            if (s.start() < seconds) {
                out.add(new RecognizedSegment(s.start(), Math.min(s.end(), seconds), s.text()));
            }
        }
        return out;
    }

    private static void checkInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new TranscriptionInterruptedException("Transcription interrupted", null);
        }
    }

    /** "1:02:03.4" or "2:03.4": a media position as people read it. */
    static String clock(double seconds) {
        long tenths = Math.round(seconds * 10);
        long h = tenths / 36_000;
        long m = tenths / 600 % 60;
        double s = tenths % 600 / 10.0;
        return h > 0 ? String.format(java.util.Locale.ROOT, "%d:%02d:%04.1f", h, m, s)
                : String.format(java.util.Locale.ROOT, "%d:%04.1f", m, s);
    }

    private static int seconds(double s) {
        return (int) Math.round(s * SpeechRecognizer.SAMPLE_RATE);
    }

    /** Monotonic progress, with an estimate inside a running window from the measured speed of earlier ones. */
    private static final class Progress {
        private final TranscriptionListener listener;
        private final double duration;
        private double last = -1;
        volatile double secondsPerAudioSecond = 0.1; // refined after every window

        Progress(TranscriptionListener listener, double duration) {
            this.listener = listener;
            this.duration = duration > 0 ? duration : 1;
        }

        void report(double mediaSeconds) {
            emit(Math.min(1.0, Math.max(0, mediaSeconds / duration)));
        }

        /** At least a little more than before: always moving while work runs, estimated from the lanes. */
        void nudge(double mediaSeconds) {
            double fraction = Math.min(1.0, mediaSeconds / duration);
            emit(Math.min(1.0, Math.max(fraction, Math.nextUp(Math.max(last, 0)))));
        }

        synchronized void learn(double windowSeconds, double elapsed) {
            if (windowSeconds > 1) {
                secondsPerAudioSecond = 0.5 * secondsPerAudioSecond + 0.5 * (elapsed / windowSeconds);
            }
        }

        void done() {
            emit(1.0);
        }

        private void emit(double fraction) {
            if (fraction > last || last < 0) {
                last = Math.max(fraction, last);
                listener.onProgress(last);
            }
        }
    }
}
