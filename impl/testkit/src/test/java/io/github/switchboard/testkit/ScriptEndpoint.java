package io.github.switchboard.testkit;

import io.github.switchboard.Handshake;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Does what each text message says, so one endpoint can show every case the client handles;
 * anything else is echoed, binary messages too. Sends nothing on open.
 */
@ServerEndpoint(value = "/script", configurator = SwitchboardConfigurator.class,
        subprotocols = "script.v1")
public class ScriptEndpoint {

    @OnMessage
    public void text(String message, Session session) throws IOException {
        String[] words = message.split(" ", 3);
        var remote = session.getBasicRemote();
        switch (words[0]) {
            case "parts": // "parts a b c": a text message in three frames
                String[] parts = message.substring(6).split(" ");
                for (int i = 0; i < parts.length; i++) {
                    remote.sendText(parts[i], i == parts.length - 1);
                }
                break;
            case "binary-parts": // the bytes 1..5 in three frames
                remote.sendBinary(ByteBuffer.wrap(new byte[] {1, 2}), false);
                remote.sendBinary(ByteBuffer.wrap(new byte[] {3}), false);
                remote.sendBinary(ByteBuffer.wrap(new byte[] {4, 5}), true);
                break;
            case "big": // "big 200000": that many x in one message
                remote.sendText("x".repeat(Integer.parseInt(words[1])));
                break;
            case "close": // "close 4001 reason"
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(
                        Integer.parseInt(words[1])), words.length > 2 ? words[2] : ""));
                break;
            case "headers": // "headers name": every value of that request header
                remote.sendText(Handshake.of(session).headers(words[1]).toString());
                break;
            case "then": // "then a b": "a", then "b"
                remote.sendText(words[1]);
                remote.sendText(words[2]);
                break;
            default:
                remote.sendText(message);
        }
    }

    @OnMessage
    public ByteBuffer binary(ByteBuffer data) {
        return data;
    }
}
