package io.mediajobs.speech;

import io.mediajobs.workflows.subtitles.SubtitleSegment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SubtitleFormatTest {

    private final List<SubtitleSegment> cues = List.of(
            new SubtitleSegment(0.5, 2.25, "Hello there"),
            new SubtitleSegment(3661.0015, 3663.9996, "Fish & chips <i>now</i>\nsecond line"),
            new SubtitleSegment(4000, 4001, "a --> b\n\n  "));

    @Test
    void srtHasNumberedCuesCommaMillisAndCrlf() {
        String srt = SubtitleFormat.SRT.write(cues);
        assertThat(srt).isEqualTo("""
                1\r
                00:00:00,500 --> 00:00:02,250\r
                Hello there\r
                \r
                2\r
                01:01:01,002 --> 01:01:04,000\r
                Fish & chips ‹i›now‹/i›\r
                second line\r
                \r
                3\r
                01:06:40,000 --> 01:06:41,000\r
                a --› b\r
                \r
                """);
    }

    @Test
    void webVttHasHeaderDotMillisAndEscapes() {
        String vtt = SubtitleFormat.WEBVTT.write(cues);
        assertThat(vtt).isEqualTo("""
                WEBVTT

                1
                00:00:00.500 --> 00:00:02.250
                Hello there

                2
                01:01:01.002 --> 01:01:04.000
                Fish &amp; chips &lt;i&gt;now&lt;/i&gt;
                second line

                3
                01:06:40.000 --> 01:06:41.000
                a --&gt; b

                """);
    }

    @Test
    void blankCuesAreLeftOutAndNumberingStaysDense() {
        String srt = SubtitleFormat.SRT.write(List.of(new SubtitleSegment(0, 1, " \n "),
                new SubtitleSegment(1, 2, "x")));
        assertThat(srt).startsWith("1\r\n00:00:01,000 --> 00:00:02,000\r\nx\r\n");
        assertThat(SubtitleFormat.WEBVTT.write(List.of())).isEqualTo("WEBVTT\n\n");
    }

    @Test
    void timestampsRoundToTheMillisecondAndHandleLongMedia() {
        assertThat(SubtitleFormat.timestamp(0, ',')).isEqualTo("00:00:00,000");
        assertThat(SubtitleFormat.timestamp(59.9996, '.')).isEqualTo("00:01:00.000");
        assertThat(SubtitleFormat.timestamp(100 * 3600 + 1.5, '.')).isEqualTo("100:00:01.500");
    }
}
