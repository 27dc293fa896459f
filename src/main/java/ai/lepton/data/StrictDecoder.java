package ai.lepton.data;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes bytes into characters and refuses bytes that are not valid in the charset, rather than
 * replacing them with {@code U+FFFD} as {@link java.io.InputStreamReader} does (which would merge
 * two different Latin-1 labels into one).
 *
 * <p>The characters before a bad byte sequence are delivered first; only the next read throws.
 * A reader counting lines as it consumes characters therefore stands on the line of the bad bytes
 * when it sees the exception.
 */
final class StrictDecoder extends Reader {
    private final InputStream in;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
    private boolean eof;
    private boolean flushed;
    private String error;

    StrictDecoder(InputStream in, Charset charset) {
        this.in = in;
        this.charset = charset;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * @throws CharConversionException at the first bad byte sequence, saying which bytes
     */
    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        CharBuffer out = CharBuffer.wrap(buffer, offset, length);
        while (length > 0 && out.position() == offset) {
            if (error != null) {
                throw new CharConversionException(error);
            }
            if (flushed) {
                return -1;
            }
            CoderResult result = decoder.decode(bytes, out, eof);
            if (result.isError()) {
                error = describe(result.length());
            } else if (result.isUnderflow() && eof) {
                decoder.flush(out);
                flushed = true;
            } else if (result.isUnderflow()) {
                fill();
            }
        }
        return out.position() - offset;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void fill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    private String describe(int length) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < length; i++) {
            hex.append(i > 0 ? " " : "").append(String.format("0x%02X", bytes.get(bytes.position() + i) & 0xFF));
        }
        return "bytes " + hex + " are not valid " + charset.name() + " text";
    }
}
