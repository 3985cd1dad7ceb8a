package io.mediajobs.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which failures of a program are the input's fault (fail the job once) and which are worth a retry. */
class ProcessFailedExceptionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            234 |         | Rematrix is needed between 64 channels and mono | true
            1   |         | Invalid data found when processing input        | true
            139 |         | (a crash on this input)                         | true
            137 |         | (SIGKILL: the OOM killer, kill -9)              | false
            143 |         | (SIGTERM: shutdown)                             | false
            1   |         | av_interleaved_write_frame(): No space left on device | false
            1   |         | Cannot allocate memory                          | false
            255 | MAX_RUNTIME | (our watchdog)                              | false
            0   | REQUESTED   | (a cancel)                                  | false
            """)
    void anErrorStatusOfItsOwnIsPermanentAKillASignalOrAMachineShortageIsNot(int exitCode,
            RunningProcess.KillReason killed, String stderr, boolean permanent) {
        assertThat(new ProcessFailedException("ffmpeg", exitCode, killed, stderr).isPermanent()).isEqualTo(permanent);
    }
}
