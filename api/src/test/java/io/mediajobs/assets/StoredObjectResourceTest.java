package io.mediajobs.assets;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.support.ResourceRegion;
import org.springframework.http.HttpRange;
import org.springframework.http.MediaType;
import org.springframework.http.converter.ResourceRegionHttpMessageConverter;
import org.springframework.mock.http.MockHttpOutputMessage;

import io.mediajobs.storage.LocalFileStorageService;
import io.mediajobs.storage.StorageService;

/** Spring's range writer over a stored object: the right bytes, read from the range's offset, not skipped through. */
class StoredObjectResourceTest {

    @TempDir
    Path root;

    @Test
    void aRangeIsReadFromItsOffset() throws IOException {
        byte[] data = new byte[100_000];
        new Random(1).nextBytes(data);
        StorageService storage = spy(new LocalFileStorageService(root));
        StorageService.StoredObject stored = storage.store("p/a.mp3", new ByteArrayInputStream(data), data.length);
        StoredObjectResource resource = new StoredObjectResource(storage, stored, "a.mp3");
        verify(storage, never()).open(anyString(), anyLong());

        List<ResourceRegion> regions = HttpRange.toResourceRegions(HttpRange.parseRanges("bytes=40000-40999"),
                resource);
        MockHttpOutputMessage out = new MockHttpOutputMessage();
        new ResourceRegionHttpMessageConverter().write(regions.get(0), MediaType.APPLICATION_OCTET_STREAM, out);

        assertThat(out.getBodyAsBytes()).isEqualTo(Arrays.copyOfRange(data, 40_000, 41_000));
        verify(storage).open("p/a.mp3", 40_000);
        assertThat(resource.contentLength()).isEqualTo(data.length);
    }

    @Test
    void severalRangesAndTheWholeObject() throws IOException {
        byte[] data = new byte[5_000];
        new Random(2).nextBytes(data);
        StorageService storage = new LocalFileStorageService(root);
        StorageService.StoredObject stored = storage.store("p/b.mp3", new ByteArrayInputStream(data), data.length);
        StoredObjectResource resource = new StoredObjectResource(storage, stored, "b.mp3");

        try (InputStream in = resource.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        List<ResourceRegion> regions = HttpRange.toResourceRegions(HttpRange.parseRanges("bytes=0-9,-10"), resource);
        assertThat(regions).hasSize(2);
        MockHttpOutputMessage out = new MockHttpOutputMessage();
        new ResourceRegionHttpMessageConverter().write(regions, MediaType.parseMediaType("multipart/byteranges"), out);
        String body = out.getBodyAsString(ISO_8859_1);
        assertThat(body).contains("Content-Range: bytes 0-9/5000").contains("Content-Range: bytes 4990-4999/5000")
                .contains(new String(Arrays.copyOfRange(data, 4990, 5000), ISO_8859_1));
    }
}
