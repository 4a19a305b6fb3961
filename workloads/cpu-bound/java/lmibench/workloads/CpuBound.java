// cpu-bound: deterministic CPU work, `rounds` chained SHA-256 hashes over a 16 KiB buffer. Each
// round hashes the previous digest followed by the buffer, so no round can be skipped; the digest
// is the one node/index.mjs and python/app.py compute. On LMI the JVM's handler threads run
// concurrent invocations in parallel, competing for the environment's vCPUs.
package lmibench.workloads;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class CpuBound {
    private static final long defaultRounds = 1500;
    private static final long maxRounds = 10_000_000;
    private static final int bufferBytes = 16 * 1024;
    private static final Pattern roundsField = Pattern.compile("\"rounds\"\\s*:\\s*(-?[0-9.eE+]+)");
    // Read-only after class init, so sharing it between concurrent invocations is safe.
    private static final byte[] block = new byte[bufferBytes];

    static {
        for (int i = 0; i < bufferBytes; i++) block[i] = (byte) (i % 251);
    }

    public Map<String, Object> handleRequest(Map<String, Object> event) throws NoSuchAlgorithmException {
        String body = event == null || event.get("body") == null ? "" : event.get("body").toString();
        if (event != null && Boolean.TRUE.equals(event.get("isBase64Encoded"))) body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        Matcher m = roundsField.matcher(body);
        long rounds = defaultRounds;
        if (m.find()) {
            double raw = Double.parseDouble(m.group(1));
            if (raw != Math.rint(raw) || raw < 0 || raw > maxRounds) return reply(400, "{\"error\":\"rounds must be a whole number from 0 to " + maxRounds + "\"}");
            rounds = (long) raw;
        }
        long startedAt = System.nanoTime();
        String digest = hashChain(rounds);
        double elapsedMs = (System.nanoTime() - startedAt) / 1e6;
        return reply(200, "{\"workload\":\"cpu-bound\",\"runtime\":\"java\",\"rounds\":" + rounds + ",\"bufferBytes\":" + bufferBytes + ",\"digest\":\"" + digest + "\",\"elapsedMs\":" + elapsedMs + "}");
    }

    static String hashChain(long rounds) throws NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] digest = new byte[32];
        for (long i = 0; i < rounds; i++) {
            sha.update(digest);
            sha.update(block);
            digest = sha.digest();
        }
        StringBuilder hex = new StringBuilder();
        for (byte b : digest) hex.append(String.format("%02x", b));
        return hex.toString();
    }

    private static Map<String, Object> reply(int statusCode, String body) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", statusCode);
        response.put("headers", Map.of("content-type", "application/json"));
        response.put("body", body);
        return response;
    }
}
