package ai.lepton.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StrictDecoderTest {
    private static final int BUFFER = 1 << 16;

    private static String readAll(Reader reader, StringBuilder got) throws IOException {
        char[] chunk = new char[1000];
        for (int n = reader.read(chunk, 0, chunk.length); n >= 0; n = reader.read(chunk, 0, chunk.length)) {
            got.append(chunk, 0, n);
        }
        return got.toString();
    }

    @Test
    void aCharacterSplitAcrossTheByteBufferDecodesWhole() throws IOException {
        byte[] ascii = new byte[BUFFER - 1];
        Arrays.fill(ascii, (byte) 'a');
        String text = new String(ascii, StandardCharsets.US_ASCII) + "\u00e9\u20acz";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Reader reader = new StrictDecoder(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8);
        assertEquals(text, readAll(reader, new StringBuilder()));
    }

    @Test
    void theCharactersBeforeABadByteComeFirstThenTheErrorNamesTheBytes() {
        byte[] bytes = {'o', 'k', '\n', 'c', 'a', 'f', (byte) 0xE9, '\n'};
        Reader reader = new StrictDecoder(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8);
        StringBuilder got = new StringBuilder();
        CharConversionException e = assertThrows(CharConversionException.class, () -> readAll(reader, got));
        assertEquals("ok\ncaf", got.toString());
        assertTrue(e.getMessage().contains("0xE9") && e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void aSequenceCutOffAtTheEndIsAnError() {
        byte[] bytes = {'a', (byte) 0xE2, (byte) 0x82};
        Reader reader = new StrictDecoder(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8);
        StringBuilder got = new StringBuilder();
        CharConversionException e = assertThrows(CharConversionException.class, () -> readAll(reader, got));
        assertEquals("a", got.toString());
        assertTrue(e.getMessage().contains("0xE2 0x82"), e.getMessage());
    }
}
