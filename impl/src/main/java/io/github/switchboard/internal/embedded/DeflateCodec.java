package io.github.switchboard.internal.embedded;

import io.github.switchboard.internal.Deflation;
import io.github.switchboard.internal.cdi.Current;
import io.github.switchboard.internal.cdi.IoSlot;
import java.nio.ByteBuffer;
import java.util.List;
import org.glassfish.tyrus.core.extension.ExtendedExtension;
import org.glassfish.tyrus.core.frame.Frame;

/**
 * permessage-deflate for one negotiated connection, inside Tyrus's frame pipeline
 * ({@link PerMessageDeflate} chose its parameters).
 * <ul>
 *   <li>In: the frames of a message whose first frame has RSV1 set are inflated, and never past
 *       the limit: Tyrus ignores what an extension throws and would deliver the frame as it
 *       came, so a refused message fails the connection through the gate ({@link IoSlot#refuse}:
 *       close 1009 past the limit, 1007 for invalid data) and every later frame of that read is
 *       handed to Tyrus as an empty ping, which reaches no endpoint.</li>
 *   <li>Out: Tyrus's own single-frame messages (an endpoint's {@code getBasicRemote()} sends) are
 *       compressed when that makes them smaller; fragmented ones and control frames go as they
 *       are (RFC 7692 lets any message go uncompressed). Switchboard's own sends bypass Tyrus
 *       and use {@link io.github.switchboard.internal.cdi.Message#deflatedFrame}.</li>
 * </ul>
 * Incoming frames come from one reading thread at a time; outgoing ones from any thread.
 */
final class DeflateCodec implements ExtendedExtension {

    private static final Frame EMPTY_PING =
            Frame.builder().fin(true).opcode((byte) 0x9).payloadData(new byte[0]).build();

    private final List<Parameter> answer;
    private final Deflation.Inflating inflating;
    /** The message being received is compressed (its first frame had RSV1). Reading thread. */
    private boolean compressedMessage;
    /** The connection was failed: nothing more of it reaches Tyrus. Reading thread. */
    private boolean failed;

    DeflateCodec(long limit, boolean clientResets, List<Parameter> answer) {
        this.answer = List.copyOf(answer);
        this.inflating = new Deflation.Inflating(limit, clientResets);
    }

    @Override
    public String getName() {
        return PerMessageDeflate.NAME;
    }

    @Override
    public List<Parameter> getParameters() {
        return answer;
    }

    @Override
    public List<Parameter> onExtensionNegotiation(ExtensionContext context,
            List<Parameter> requestedParameters) {
        return answer;
    }

    @Override
    public void onHandshakeResponse(ExtensionContext context, List<Parameter> responseParameters) {
        // client side only
    }

    @Override
    public Frame processIncoming(ExtensionContext context, Frame frame) {
        if (failed) {
            return EMPTY_PING;
        }
        if (frame.isControlFrame()) {
            return frame;
        }
        if (frame.getOpcode() != 0) {
            compressedMessage = frame.isRsv1();
        } else if (frame.isRsv1()) {
            return frame; // RSV1 on a continuation frame: Tyrus fails it with 1002
        }
        if (!compressedMessage) {
            return frame;
        }
        try {
            byte[] plain = inflating.inflate(frame.getPayloadData(), frame.isFin());
            return Frame.builder(frame).rsv1(false).payloadData(plain).build();
        } catch (Deflation.Refused refused) {
            failed = true;
            IoSlot slot = Current.ioSlot();
            if (slot != null && refused.closeCode != Deflation.CLOSING) {
                slot.refuse(refused.closeCode);
            }
            return EMPTY_PING;
        }
    }

    @Override
    public Frame processOutgoing(ExtensionContext context, Frame frame) {
        if (frame.isControlFrame() || frame.getOpcode() == 0 || !frame.isFin() || frame.isRsv1()) {
            return frame;
        }
        byte[] compressed = Deflation.deflate(ByteBuffer.wrap(frame.getPayloadData()));
        return compressed == null ? frame
                : Frame.builder(frame).rsv1(true).payloadData(compressed).build();
    }

    @Override
    public void destroy(ExtensionContext context) {
        inflating.close();
    }
}
