package io.mediajobs.speech;

/**
 * Receives progress from {@link TranscriptionEngine#transcribe}. Called on the thread that called {@code transcribe}.
 *
 * <p>Either method may throw a {@link RuntimeException} to cancel (for example Temporal's
 * {@code ActivityCanceledException} from a heartbeat): the engine then stops FFmpeg, gives its recognizer context
 * back to the pool and rethrows that same exception.
 */
public interface TranscriptionListener {

    TranscriptionListener NONE = new TranscriptionListener() {
    };

    /** Fraction of the media done, 0..1, never decreasing. Called at least every progress interval (default 1 s). */
    default void onProgress(double fraction) {
    }

    /** Called after every finished window; persist it to resume there after a retry. */
    default void onCheckpoint(TranscriptionCheckpoint checkpoint) {
    }
}
