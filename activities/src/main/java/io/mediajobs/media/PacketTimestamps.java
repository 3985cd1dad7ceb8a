package io.mediajobs.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Where a file's streams really end, read from their packets' own timestamps with ffprobe (demuxing only, nothing
 * is decoded): the end of the last packet of any of the given streams, in file time. A header's duration can be
 * missing (a browser's MediaRecorder output), estimated from the bitrate, or simply false; packets cannot.
 */
final class PacketTimestamps {

    private final Path ffprobe;
    private final Duration timeout;

    PacketTimestamps(Path ffprobe, Duration timeout) {
        this.ffprobe = ffprobe;
        this.timeout = timeout;
    }

    /**
     * Reads packets from file time {@code fromSeconds} (ffprobe seeks there; NaN reads the whole file) to the end.
     *
     * @return the latest packet end (pts + duration) among {@code streams}, or empty when none of their packets
     *         was read (e.g. the seek failed)
     * @throws IOException when ffprobe fails or outlives the timeout
     */
    OptionalDouble lastEnd(Path file, Set<Integer> streams, double fromSeconds) throws IOException {
        List<String> command = new ArrayList<>(List.of(ffprobe.toString(), "-v", "error", "-hide_banner"));
        if (!Double.isNaN(fromSeconds)) {
            // "<start>%" = from <start> to the end of the file
            command.addAll(List.of("-read_intervals", String.format(Locale.ROOT, "%.6f%%", fromSeconds)));
        }
        command.addAll(List.of("-show_entries", "packet=stream_index,pts_time,dts_time,duration_time",
                "-of", "csv=p=0", file.toString()));
        Map<Integer, StreamEnd> ends = new HashMap<>();
        try (RunningProcess process = ProcessRunner.of(command).maxRuntime(timeout).start()) {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.stdout(), StandardCharsets.US_ASCII), 1 << 16)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    accept(line, streams, ends);
                }
            }
            if (!process.awaitExit(Duration.ofSeconds(10))) {
                throw new IOException("ffprobe did not exit after its output ended");
            }
            process.checkSuccess();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading packet timestamps", e);
        }
        return ends.values().stream().mapToDouble(StreamEnd::end).max();
    }

    /** One line: {@code stream_index,pts_time,dts_time,duration_time[,...]}; "N/A" where unknown. */
    private static void accept(String line, Set<Integer> streams, Map<Integer, StreamEnd> ends) {
        String[] fields = line.split(",", -1);
        if (fields.length < 4) {
            return;
        }
        int stream;
        try {
            stream = Integer.parseInt(fields[0].trim());
        } catch (NumberFormatException e) {
            return;
        }
        if (!streams.contains(stream)) {
            return;
        }
        double pts = number(fields[1]);
        double time = Double.isNaN(pts) ? number(fields[2]) : pts;
        if (Double.isNaN(time)) {
            return;
        }
        ends.computeIfAbsent(stream, s -> new StreamEnd()).add(time, number(fields[3]));
    }

    private static double number(String field) {
        try {
            double v = Double.parseDouble(field.trim());
            return Double.isFinite(v) ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN; // "N/A"
        }
    }

    /** The end of one stream so far; a packet without a duration is taken to last as long as the previous step. */
    private static final class StreamEnd {
        private double end = Double.NEGATIVE_INFINITY;
        private double lastTime = Double.NaN;
        private double step;

        void add(double time, double duration) {
            if (!Double.isNaN(lastTime) && time > lastTime) {
                step = time - lastTime;
            }
            lastTime = time;
            end = Math.max(end, time + (duration > 0 ? duration : step));
        }

        double end() {
            return end;
        }
    }
}
