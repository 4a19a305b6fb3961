// No work at all, in Java: the same bytes the bare server answers, written straight to the
// output stream, so the row measures the Runtime API path and the JVM, not the handler.
package lmibench.noop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

public class Noop {
    private static final byte[] response = "{\"statusCode\":200,\"headers\":{\"content-type\":\"text/plain\"},\"body\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

    public void handle(InputStream in, OutputStream out) throws IOException {
        out.write(response);
    }
}
