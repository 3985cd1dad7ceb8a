package io.mediajobs.speech;

import io.mediajobs.workflows.subtitles.SubtitleOptions;
import io.mediajobs.workflows.subtitles.SubtitleSegment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.mediajobs.media.FfmpegBinaries;
import io.mediajobs.media.MediaInfo;
import io.mediajobs.media.MediaProber;
import io.mediajobs.media.UnsupportedMediaException;

/**
 * Transcribes one of a media file's audio tracks into caption cues: FFmpeg streams 16 kHz mono PCM on the media's
 * presentation timeline (so cue times are what a player shows), which is cut at
 * silences into windows of at most 30 s; windows without speech energy are skipped, the others go to the
 * {@link SpeechRecognizer}; each window's segments are shaped into captions and checkpointed.
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
     */
    public record Options(double maxWindowSeconds, double minWindowSeconds, Duration progressInterval,
                          Duration probeTimeout, Duration decodeStallTimeout, Duration decodeMaxRuntime) {

        public Options {
            if (!(maxWindowSeconds > 1 && maxWindowSeconds <= 30) || !(minWindowSeconds >= 0
                    && minWindowSeconds < maxWindowSeconds)) {
                throw new IllegalArgumentException("windows must be 0 <= min < max <= 30 s");
            }
        }

        public static Options defaults() {
            return new Options(30, 15, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(120),
                    Duration.ofHours(24));
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

    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Runs recognizer calls so the calling thread stays free to report progress and notice cancellation. */
    private static final ExecutorService INFERENCE = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "speech-inference-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private final SpeechRecognizer recognizer;
    private final MediaProber prober;
    private final FfmpegAudioDecoder decoder;
    private final Options options;

    public TranscriptionEngine(SpeechRecognizer recognizer, FfmpegBinaries binaries) {
        this(recognizer, binaries, Options.defaults());
    }

    public TranscriptionEngine(SpeechRecognizer recognizer, FfmpegBinaries binaries, Options options) {
        this.recognizer = recognizer;
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
        String language = forced != null ? forced : start.language();
        Double languageProbability = forced != null ? null : start.languageProbability();
        Progress progress = new Progress(events, duration);
        List<SubtitleSegment> cues = new ArrayList<>(start.segments());
        double offset = start.resumeOffsetSeconds();
        int transcribed = 0;
        int skipped = 0;
        progress.report(offset);
        checkInterrupted();

        if (offset < duration) {
            try (FfmpegAudioDecoder.Stream pcm = decoder.open(media, info, track, offset)) {
                AudioWindower windower = new AudioWindower(pcm, seconds(options.maxWindowSeconds()),
                        seconds(options.minWindowSeconds()));
                AudioWindower.Window window;
                boolean nextRehears = false; // the next window starts with speech the one before left out
                while ((window = windower.next()) != null) {
                    checkInterrupted();
                    double windowStart = offset + window.startSample() / (double) SpeechRecognizer.SAMPLE_RATE;
                    double windowSeconds = window.length() / (double) SpeechRecognizer.SAMPLE_RATE;
                    VoiceActivityDetector vad = VoiceActivityDetector.analyse(window.samples(), window.length());
                    boolean rehears = nextRehears;
                    nextRehears = false;
                    if (vad.hasSpeech()) {
                        AudioWindower.Window voiced = window;
                        if (language == null) { // once per job, on the first voiced audio
                            LanguageDetection detected = inference(() -> recognizer.detectLanguage(voiced.samples(),
                                    voiced.length()), windowStart, windowSeconds, progress).orElse(null);
                            language = detected == null ? "en" : detected.language();
                            languageProbability = detected == null ? null : detected.probability();
                        }
                        Decoding decoding = new Decoding(language, job.translate(), job.prompt());
                        List<RecognizedSegment> raw = inference(() -> recognizer.recognize(voiced.samples(),
                                voiced.length(), decoding), windowStart, windowSeconds, progress);
                        int done = window.last() ? window.length() : rehearFrom(raw, vad, window.length());
                        if (done < window.length()) {
                            windower.pushBack(window, done);
                            windowSeconds = done / (double) SpeechRecognizer.SAMPLE_RATE;
                            raw = allButLast(raw, windowSeconds);
                            nextRehears = true;
                        }
                        List<SubtitleSegment> shaped = CaptionShaper.shapeWindow(raw, windowStart, windowSeconds, vad,
                                cues, rehears, layout);
                        cues.addAll(duration <= MAX_WORD_TIMED_SECONDS ? shaped : shaped.stream()
                                .map(c -> new SubtitleSegment(c.startTime(), c.endTime(), c.text())).toList());
                        transcribed++;
                    } else {
                        skipped++;
                    }
                    double windowEnd = Math.round((windowStart + windowSeconds) * 1000.0) / 1000.0;
                    progress.report(windowEnd);
                    events.onCheckpoint(new TranscriptionCheckpoint(windowEnd, cues, language, languageProbability));
                }
                pcm.finish();
            } catch (IOException e) {
                throw new UncheckedIOException("Transcription failed while decoding " + media.getFileName() + ": "
                        + e.getMessage(), e);
            }
        }
        progress.done();
        return new Transcript(CaptionShaper.finish(cues), duration, transcribed, skipped, language,
                languageProbability, recognizer.modelName());
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

    /**
     * Where the next window should start, as a sample index of this one: its length, unless the cut runs through
     * speech (no pause at the window's end). Then a word may be split, so the last segment is left out and heard
     * again, from its start, at the start of the next window (as Whisper itself seeks to its last timestamp).
     * Never before the window's middle, so every window moves on by at least half its length.
     */
    private static int rehearFrom(List<RecognizedSegment> raw, VoiceActivityDetector vad, int length) {
        double windowSeconds = length / (double) SpeechRecognizer.SAMPLE_RATE;
        if (raw.size() < 2 || vad.voicedFraction(windowSeconds - PAUSE_AT_CUT_SECONDS, windowSeconds) == 0) {
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
     * Runs a recognizer call on the inference pool and, while it works, reports an estimated progress every
     * {@code progressInterval}. If the listener throws or the thread is interrupted, this returns at once and
     * interrupts the call: whisper.cpp's abort callback stops it after its current encoder or decoder step, and
     * its context goes back to the pool.
     */
    private <T> T inference(Callable<T> call, double windowStart, double windowSeconds, Progress progress) {
        long started = System.nanoTime();
        Future<T> future = INFERENCE.submit(call);
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
