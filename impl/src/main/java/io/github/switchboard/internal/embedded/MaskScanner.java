package io.github.switchboard.internal.embedded;

import org.glassfish.grizzly.Buffer;

/**
 * Follows the frame boundaries of a client's byte stream and reports the first frame that is not
 * masked. RFC 6455 §5.1: a server MUST close the connection on an unmasked client frame; Tyrus
 * never checks the mask bit (DESIGN.md §4), so the embedded server does it below Tyrus. Only
 * frame headers are read, by absolute index, so Tyrus's read position is untouched; payloads are
 * skipped by length. One instance per connection, used by one reading thread at a time.
 */
final class MaskScanner {

    /** Bytes of the current frame's payload (and mask key) still to skip. */
    private long skip;
    /** The header of the frame being read, when it spans reads. */
    private final byte[] header = new byte[10];
    private int headerLength;

    /** Scans {@code buffer} from its position to its limit; false on an unmasked frame. */
    boolean scan(Buffer buffer) {
        int i = buffer.position();
        int limit = buffer.limit();
        while (i < limit) {
            if (skip > 0) {
                long n = Math.min(skip, limit - i);
                skip -= n;
                i += (int) n;
                continue;
            }
            header[headerLength++] = buffer.get(i++);
            if (headerLength < 2) {
                continue;
            }
            if ((header[1] & 0x80) == 0) {
                return false;
            }
            int len7 = header[1] & 0x7f;
            int needed = len7 == 126 ? 4 : len7 == 127 ? 10 : 2;
            if (headerLength < needed) {
                continue;
            }
            long payload;
            if (len7 == 126) {
                payload = ((header[2] & 0xffL) << 8) | (header[3] & 0xffL);
            } else if (len7 == 127) {
                payload = 0;
                for (int k = 2; k < 10; k++) {
                    payload = (payload << 8) | (header[k] & 0xffL);
                }
                if (payload < 0) { // the most significant bit must be 0 (RFC 6455 §5.2)
                    payload = Long.MAX_VALUE;
                }
            } else {
                payload = len7;
            }
            skip = payload + 4; // the 4-byte masking key, then the payload
            headerLength = 0;
        }
        return true;
    }
}
