// io-bound: three downstream calls made concurrently; the answer waits for all of them.
// Timers stand in for the downstream services, so almost all of a request is waiting. Nothing
// here is mutable static state: on LMI, the JVM's handler threads share this class.
package lmibench.workloads;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class IoBound {
    private static final long[] defaultDelaysMs = {150, 200, 100};
    private static final long maxDelayMs = 60_000;
    private static final Pattern delaysField = Pattern.compile("\"delaysMs\"\\s*:\\s*\\[([^\\]]*)\\]");

    /** The Function URL event: the request body is a JSON string in "body". */
    public Map<String, Object> handleRequest(Map<String, Object> event) {
        long[] delays;
        try {
            delays = readDelays(body(event));
        } catch (IllegalArgumentException e) {
            return reply(400, "{\"error\":\"" + e.getMessage() + "\"}");
        }
        long startedAt = System.nanoTime();
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < delays.length; i++) {
            int index = i;
            long delayMs = delays[i];
            calls.add(CompletableFuture.supplyAsync(
                () -> "{\"call\":" + index + ",\"delayMs\":" + delayMs + ",\"doneAtMs\":" + (System.nanoTime() - startedAt) / 1e6 + "}",
                CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS)));
        }
        List<String> downstream = new ArrayList<>();
        for (CompletableFuture<String> call : calls) downstream.add(call.join());
        double elapsedMs = (System.nanoTime() - startedAt) / 1e6;
        return reply(200, "{\"workload\":\"io-bound\",\"runtime\":\"java\",\"downstream\":" + downstream + ",\"elapsedMs\":" + elapsedMs + "}");
    }

    static String body(Map<String, Object> event) {
        Object raw = event == null ? null : event.get("body");
        if (raw == null) return "";
        String text = raw.toString();
        if (Boolean.TRUE.equals(event.get("isBase64Encoded"))) text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        return text;
    }

    private static long[] readDelays(String body) {
        Matcher m = delaysField.matcher(body);
        if (!m.find()) return defaultDelaysMs;
        String[] parts = m.group(1).split(",");
        long[] delays = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                delays[i] = Math.round(Double.parseDouble(parts[i].trim()));
            } catch (NumberFormatException e) {
                delays[i] = -1;
            }
            if (delays[i] < 0 || delays[i] > maxDelayMs) throw new IllegalArgumentException("delaysMs must be a non-empty array of numbers from 0 to " + maxDelayMs);
        }
        return delays;
    }

    static Map<String, Object> reply(int statusCode, String body) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", statusCode);
        response.put("headers", Map.of("content-type", "application/json"));
        response.put("body", body);
        return response;
    }
}
