package io.mediajobs.assets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void keepsOrdinaryNames() {
        assertThat(FileNames.sanitize("My Clip (final).mp4", "mp4")).isEqualTo("My Clip (final).mp4");
        assertThat(FileNames.sanitize("été à Paris.wav", "wav")).isEqualTo("été à Paris.wav");
    }

    @Test
    void dropsDirectoriesOfEitherKind() {
        assertThat(FileNames.sanitize("../../etc/passwd", "wav")).isEqualTo("passwd");
        assertThat(FileNames.sanitize("C:\\Users\\me\\clip.mp4", "mp4")).isEqualTo("clip.mp4");
    }

    @Test
    void dropsControlAndInvisibleCharactersAndCollapsesWhitespace() {
        assertThat(FileNames.sanitize("a\u0000b\r\n\tc\u202Ed\u200B.mp3", "mp3")).isEqualTo("ab cd.mp3");
        assertThat(FileNames.sanitize("  spaced    out  .wav ", "wav")).isEqualTo("spaced out .wav");
    }

    @Test
    void fallsBackWhenNothingIsLeft() {
        assertThat(FileNames.sanitize(null, "mp4")).isEqualTo("upload.mp4");
        assertThat(FileNames.sanitize("", "mp4")).isEqualTo("upload.mp4");
        assertThat(FileNames.sanitize("dir/", "wav")).isEqualTo("upload.wav");
        assertThat(FileNames.sanitize("..", "wav")).isEqualTo("upload.wav");
        assertThat(FileNames.sanitize("\u0001\u0002", "wav")).isEqualTo("upload.wav");
    }

    @Test
    void capsTheLengthKeepingTheExtension() {
        String name = FileNames.sanitize("x".repeat(1000) + ".flac", "flac");
        assertThat(name).hasSize(FileNames.MAX_LENGTH).endsWith("x.flac");
        String emoji = FileNames.sanitize("\uD83C\uDFB5".repeat(300), "mp3");
        assertThat(emoji.codePointCount(0, emoji.length())).isEqualTo(FileNames.MAX_LENGTH);
    }
}
