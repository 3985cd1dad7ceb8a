package io.mediajobs.speech;

import io.mediajobs.workflows.subtitles.SubtitleOptions;
import io.mediajobs.workflows.subtitles.SubtitleSegment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.mediajobs.media.EngineThreads;
import io.mediajobs.media.FfmpegBinaries;
import io.mediajobs.media.MediaInfo;
import io.mediajobs.media.MediaProber;
import io.mediajobs.media.UnsupportedMediaException;

/**
 * Transcribes one of a media file's audio tracks into caption cues: FFmpeg streams 16 kHz mono PCM on the media's
 * presentation timeline (so cue times are what a player shows), which is cut into windows of at most 30 s, at
 * pauses found by {@link SileroVad} (or, without its model, at quiet moments); windows without speech are skipped,
 * the others go to the {@link SpeechRecognizer}; each window's segments are shaped into captions and checkpointed,
 * in media order.
 *
 * <p>Up to {@code parallelWindows} windows are recognised at once (each on its own recognizer context): whisper.cpp
 * 1.7.1's threads spin-wait on each other, so N single-thread contexts on N windows use N cores better than one
 * N-thread context, above all on a busy machine. A window whose cut may run through a word is the exception: the
 * next window depends on its result (the word is heard again), so reading ahead waits for it.
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
     * @param parallelWindows    windows of one job recognised at once (at least 1; match the recognizer's contexts)
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
            ArrayDeque<Pending> pending = new ArrayDeque<>();
            try (FfmpegAudioDecoder.Stream pcm = decoder.open(media, info, track, offset)) {
                AudioWindower windower = new AudioWindower(pcm, seconds(options.maxWindowSeconds()),
                        seconds(options.minWindowSeconds()), vad);
                boolean exhausted = false;
                boolean nextRehears = false; // the next window starts with speech the one before left out
                while (true) {
                    // Read ahead while contexts are free, unless the newest window may have to be heard again
                    while (!exhausted && pending.stream().filter(w -> w.future != null).count()
                            < options.parallelWindows() && pending.size() < 4 * options.parallelWindows()
                            && (pending.isEmpty() || !pending.peekLast().mayRehear)) {
                        checkInterrupted();
                        AudioWindower.Window window = windower.next();
                        if (window == null) {
                            exhausted = true;
                        } else {
                            pending.add(start(window, offset, speech));
                        }
                    }
                    Pending w = pending.poll();
                    if (w == null) {
                        break;
                    }
                    boolean rehears = nextRehears;
                    nextRehears = false;
                    SpeechChunks chunks = w.window.chunks();
                    double windowSeconds = w.window.spanLength() / (double) SpeechRecognizer.SAMPLE_RATE;
                    if (w.future != null) {
                        List<RecognizedSegment> raw = await(w, windowSeconds, progress);
                        int done = w.mayRehear ? rehearFrom(raw, w.vad, w.window.length()) : w.window.length();
                        if (chunks != null && done <= chunks.windowStart(chunks.size() - 1)) {
                            done = w.window.length(); // only the last chunk's end can be heard again
                        }
                        VoiceActivityDetector activity = w.vad;
                        if (done < w.window.length()) {
                            windower.pushBack(w.window, done); // nothing was read after it: mayRehear held reading
                            raw = allButLast(raw, done / (double) SpeechRecognizer.SAMPLE_RATE);
                            nextRehears = true;
                            windowSeconds = chunks == null ? done / (double) SpeechRecognizer.SAMPLE_RATE
                                    : chunks.toSpan(done / (double) SpeechRecognizer.SAMPLE_RATE, true);
                        }
                        if (chunks != null) { // from the chunks back to back to the stream's timeline
                            raw = chunks.toSpan(raw);
                            activity = chunks.activity();
                        }
                        List<SubtitleSegment> shaped = CaptionShaper.shapeWindow(raw, w.start, windowSeconds,
                                activity, cues, rehears, layout);
                        cues.addAll(duration <= MAX_WORD_TIMED_SECONDS ? shaped : shaped.stream()
                                .map(c -> new SubtitleSegment(c.startTime(), c.endTime(), c.text())).toList());
                        transcribed++;
                    } else {
                        skipped++;
                    }
                    double windowEnd = Math.round((w.start + windowSeconds) * 1000.0) / 1000.0;
                    progress.report(windowEnd);
                    events.onCheckpoint(new TranscriptionCheckpoint(windowEnd, cues, speech.language,
                            speech.languageProbability));
                }
                pcm.finish();
            } catch (IOException e) {
                throw new UncheckedIOException("Transcription failed while decoding " + media.getFileName() + ": "
                        + e.getMessage(), e);
            } finally {
                // on failure or cancellation: stop waiting; each context returns to the pool when its window ends
                pending.forEach(p -> {
                    if (p.future != null) {
                        p.future.cancel(true);
                    }
                });
            }
        }
        progress.done();
        return new Transcript(CaptionShaper.finish(cues), duration, transcribed, skipped, speech.language,
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

    /** A window read from the stream: skipped (no future) or being recognised. */
    private static final class Pending {
        final AudioWindower.Window window;
        final double start;
        final VoiceActivityDetector vad;
        final Future<List<RecognizedSegment>> future;
        /** Its cut may run through a word: the next window depends on its result. */
        final boolean mayRehear;
        final long submitted = System.nanoTime();

        Pending(AudioWindower.Window window, double start, VoiceActivityDetector vad,
                Future<List<RecognizedSegment>> future, boolean mayRehear) {
            this.window = window;
            this.start = start;
            this.vad = vad;
            this.future = future;
            this.mayRehear = mayRehear;
        }
    }

    /**
     * A job's decoding state: its options and its language, fixed up front (forced, resumed, English-only model) or
     * detected on the first window with speech. Used by the job's one reading thread only.
     */
    private static final class JobSpeech {
        final SubtitleOptions options;
        final Progress progress;
        String language;
        Double languageProbability;

        JobSpeech(SubtitleOptions options, String language, Double languageProbability, Progress progress) {
            this.options = options;
            this.language = language;
            this.languageProbability = languageProbability;
            this.progress = progress;
        }
    }

    /**
     * Judges a window's speech and, if it has any, starts recognising it on the inference pool. The job's language
     * is detected here, with the model's language-id, on the first window with speech, before any window is
     * recognised (windows start in media order).
     */
    private Pending start(AudioWindower.Window window, double offset, JobSpeech speech) {
        double windowStart = offset + window.startSample() / (double) SpeechRecognizer.SAMPLE_RATE;
        VoiceActivityDetector activity = window.activity() != null ? window.activity()
                : VoiceActivityDetector.analyse(window.samples(), window.length());
        if (!activity.hasSpeech()) {
            return new Pending(window, windowStart, activity, null, false);
        }
        boolean mayRehear = !window.last() && (window.activity() != null ? !window.endsInPause()
                : activity.voicedFraction(window.length() / (double) SpeechRecognizer.SAMPLE_RATE
                - PAUSE_AT_CUT_SECONDS, window.length() / (double) SpeechRecognizer.SAMPLE_RATE) > 0);
        if (speech.language == null) { // once per job, on the first voiced audio
            double windowSeconds = window.length() / (double) SpeechRecognizer.SAMPLE_RATE;
            LanguageDetection detected = inference(() -> recognizer.detectLanguage(window.samples(),
                    window.length()), windowStart, windowSeconds, speech.progress).orElse(null);
            speech.language = detected == null ? "en" : detected.language();
            speech.languageProbability = detected == null ? null : detected.probability();
        }
        Decoding decoding = new Decoding(speech.language, speech.options.translate(), speech.options.prompt());
        Future<List<RecognizedSegment>> future = INFERENCE.submit(
                () -> recognizer.recognize(window.samples(), window.length(), decoding));
        return new Pending(window, windowStart, activity, future, mayRehear);
    }

    /**
     * Where the next window should start, as a sample index of this one: its length, unless the cut runs through
     * speech (no pause at the window's end). Then a word may be split, so the last segment is left out and heard
     * again, from its start, at the start of the next window (as Whisper itself seeks to its last timestamp).
     * Never before the window's middle, so every window moves on by at least half its length.
     */
    private static int rehearFrom(List<RecognizedSegment> raw, VoiceActivityDetector vad, int length) {
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

    /**
     * Runs a recognizer call on the inference pool and waits for it (see {@link #waitFor}).
     */
    private <T> T inference(Callable<T> call, double windowStart, double windowSeconds, Progress progress) {
        return waitFor(INFERENCE.submit(call), System.nanoTime(), windowStart, windowSeconds, progress);
    }

    /** Waits for a window's recognition, started by {@link #start}. */
    private List<RecognizedSegment> await(Pending w, double windowSeconds, Progress progress) {
        return waitFor(w.future, w.submitted, w.start, windowSeconds, progress);
    }

    /**
     * Waits for a recognizer call and, while it works, reports an estimated progress every
     * {@code progressInterval}. If the listener throws or the thread is interrupted, this returns at once and
     * interrupts the call: whisper.cpp's abort callback stops it after its current encoder or decoder step, and
     * its context goes back to the pool.
     */
    private <T> T waitFor(Future<T> future, long started, double windowStart, double windowSeconds,
            Progress progress) {
        try {
            while (true) {
                try {
                    T result = future.get(options.progressInterval().toMillis(),
                            TimeUnit.MILLISECONDS);
                    progress.learn(windowSeconds, (System.nanoTime() - started) / 1e9);
                    return result;
                } catch (TimeoutException e) {
                    double elapsed = (System.nanoTime() - started) / 1e9;
                    progress.reportWithin(windowStart, windowSeconds, elapsed);
                }
            }
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new TranscriptionInterruptedException("Transcription interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new TranscriptionInterruptedException("Transcription interrupted", cause);
            }
            if (cause instanceof RecognitionFailedException failed) {
                throw new RecognitionFailedException("Speech recognition failed on the audio from "
                        + clock(windowStart) + " to " + clock(windowStart + windowSeconds)
                        + "; the speech engine rejects this part of the media, so retrying will not help", failed);
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("speech recognizer failed", cause);
        } catch (RuntimeException | Error e) {
            future.cancel(true); // listener cancelled: stop waiting; the pool gets the context back when done
            throw e;
        }
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
        private double secondsPerAudioSecond = 0.1; // refined after every window

        Progress(TranscriptionListener listener, double duration) {
            this.listener = listener;
            this.duration = duration > 0 ? duration : 1;
        }

        void report(double mediaSeconds) {
            emit(Math.min(1.0, Math.max(0, mediaSeconds / duration)));
        }

        /** Approaches (never reaches) the window's end: always moving, never ahead of the work. */
        void reportWithin(double windowStart, double windowSeconds, double elapsed) {
            double expected = Math.max(0.5, windowSeconds * secondsPerAudioSecond);
            double part = 0.95 * (1 - Math.exp(-elapsed / expected));
            double fraction = Math.min(1.0, (windowStart + part * windowSeconds) / duration);
            emit(Math.min(1.0, Math.max(fraction, Math.nextUp(Math.max(last, 0)))));
        }

        void learn(double windowSeconds, double elapsed) {
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
