// mixed: CPU work (chained SHA-256 rounds, as in cpu-bound) followed by concurrent downstream
// waits (timers, as in io-bound). Nothing here is mutable static state.
package lmibench.workloads;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Mixed {
    private static final long defaultRounds = 750;
    private static final long[] defaultDelaysMs = {40, 60};
    private static final Pattern roundsField = Pattern.compile("\"rounds\"\\s*:\\s*([0-9]+)");
    private static final Pattern delaysField = Pattern.compile("\"delaysMs\"\\s*:\\s*\\[([^\\]]*)\\]");
    private static final byte[] block = new byte[16 * 1024];

    static {
        for (int i = 0; i < block.length; i++) block[i] = (byte) (i % 251);
    }

    public Map<String, Object> handleRequest(Map<String, Object> event) throws NoSuchAlgorithmException {
        String body = event == null || event.get("body") == null ? "" : event.get("body").toString();
        if (event != null && Boolean.TRUE.equals(event.get("isBase64Encoded"))) body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        Matcher r = roundsField.matcher(body);
        long rounds = r.find() ? Math.min(Long.parseLong(r.group(1)), 10_000_000) : defaultRounds;
        long[] delays = defaultDelaysMs;
        Matcher d = delaysField.matcher(body);
        if (d.find()) {
            String[] parts = d.group(1).trim().isEmpty() ? new String[0] : d.group(1).split(",");
            delays = new long[parts.length];
            for (int i = 0; i < parts.length; i++) delays[i] = Math.max(0, Math.min(60_000, Math.round(Double.parseDouble(parts[i].trim()))));
        }
        long startedAt = System.nanoTime();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] digest = new byte[32];
        for (long i = 0; i < rounds; i++) {
            sha.update(digest);
            sha.update(block);
            digest = sha.digest();
        }
        double cpuMs = (System.nanoTime() - startedAt) / 1e6;
        List<CompletableFuture<Long>> waits = new ArrayList<>();
        for (long delayMs : delays) waits.add(CompletableFuture.supplyAsync(() -> delayMs, CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS)));
        for (CompletableFuture<Long> wait : waits) wait.join();
        double elapsedMs = (System.nanoTime() - startedAt) / 1e6;
        StringBuilder hex = new StringBuilder();
        for (byte b : digest) hex.append(String.format("%02x", b));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", 200);
        response.put("headers", Map.of("content-type", "application/json"));
        response.put("body", "{\"workload\":\"mixed\",\"runtime\":\"java\",\"rounds\":" + rounds + ",\"digest\":\"" + hex + "\",\"cpuMs\":" + cpuMs + ",\"elapsedMs\":" + elapsedMs + "}");
        return response;
    }
}
