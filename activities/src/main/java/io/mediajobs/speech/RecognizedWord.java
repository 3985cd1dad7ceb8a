package io.mediajobs.speech;

/**
 * A word as the model timed it: its tokens joined (a word starts at a token with a leading space), seconds from
 * the start of the window, and the mean probability of its tokens.
 */
public record RecognizedWord(double start, double end, String text, double probability) {
}
