package io.mediajobs.speech;

/** A raw recognizer segment: seconds from the start of the window it came from, text as the model wrote it. */
public record RecognizedSegment(double start, double end, String text) {
}
