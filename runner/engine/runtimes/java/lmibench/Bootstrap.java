package lmibench;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's Java runtime: speaks the Lambda Runtime API (AWS_LAMBDA_RUNTIME_API) with the JDK
 * alone. Loads the function's code (a jar, or a classes folder with its lib/*.jar, as Lambda's
 * /var/task), resolves the handler once (HandlerMethod), then serves invocations: one thread on
 * standard Lambda; on LMI a pool of AWS_LAMBDA_MAX_CONCURRENCY threads, each its own
 * /next-handle-/response loop, as AWS's Java runtime runs handlers on OS threads. When the code
 * bundles AWS's Java runtime interface client, that client runs instead.
 * Usage: java lmibench.Bootstrap <code path>
 */
public final class Bootstrap {
    private static final String ricClass = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static String api;

    public static void main(String[] args) throws Exception {
        api = "http://" + System.getenv("AWS_LAMBDA_RUNTIME_API") + "/2018-06-01/runtime/";
        String handler = System.getenv("_HANDLER");
        String code = args[0];
        ClassLoader loader = new URLClassLoader(codeUrls(new File(code)), Bootstrap.class.getClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        if (runInterfaceClient(loader, handler)) return;
        HandlerMethod method;
        try {
            method = HandlerMethod.resolve(handler, loader, code);
        } catch (HandlerMethod.Unusable e) {
            initError(e.errorType, e.getMessage());
            return;
        } catch (Throwable e) {
            initError("Runtime.InitError", String.valueOf(e));
            return;
        }
        int threads = Math.max(1, Integer.parseInt(System.getenv().getOrDefault("AWS_LAMBDA_MAX_CONCURRENCY", "1")));
        List<Thread> pool = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(() -> serve(method), "lambda-runtime-" + i);
            thread.setContextClassLoader(loader);
            thread.start();
            pool.add(thread);
        }
        for (Thread thread : pool) thread.join();
    }

    private static URL[] codeUrls(File code) throws IOException {
        List<URL> urls = new ArrayList<>();
        urls.add(code.toURI().toURL());
        File[] libs = new File(code, "lib").listFiles((dir, name) -> name.endsWith(".jar"));
        if (code.isDirectory() && libs != null) for (File lib : libs) urls.add(lib.toURI().toURL());
        return urls.toArray(new URL[0]);
    }

    /** AWS's runtime interface client in the code: run it with the handler, as its own main would be. */
    private static boolean runInterfaceClient(ClassLoader loader, String handler) throws Exception {
        Class<?> ric;
        try {
            ric = Class.forName(ricClass, false, loader);
        } catch (ClassNotFoundException e) {
            return false;
        }
        Method main = ric.getMethod("main", String[].class);
        main.invoke(null, (Object) new String[] {handler});
        return true;
    }

    private static void serve(HandlerMethod method) {
        while (true) {
            Invocation invocation;
            try {
                invocation = next();
            } catch (IOException e) {
                // The Runtime API is gone: the environment is ending.
                System.exit(0);
                return;
            }
            try {
                byte[] result = method.call(invocation.event, invocation);
                post("invocation/" + invocation.requestId + "/response", result, null);
            } catch (Throwable t) {
                try {
                    post("invocation/" + invocation.requestId + "/error", errorBody(t), t.getClass().getName());
                } catch (IOException e) {
                    System.exit(0);
                }
            }
        }
    }

    private static Invocation next() throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(api + "invocation/next").toURL().openConnection();
        c.setReadTimeout(0);
        try (InputStream in = c.getInputStream()) {
            byte[] body = in.readAllBytes();
            long deadline = Long.parseLong(c.getHeaderField("Lambda-Runtime-Deadline-Ms"));
            return new Invocation(c.getHeaderField("Lambda-Runtime-Aws-Request-Id"), deadline, c.getHeaderField("Lambda-Runtime-Invoked-Function-Arn"), body);
        }
    }

    private static void post(String path, byte[] body, String errorType) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(api + path).toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(body.length);
        c.setRequestProperty("Content-Type", "application/json");
        if (errorType != null) c.setRequestProperty("Lambda-Runtime-Function-Error-Type", errorType);
        try (OutputStream out = c.getOutputStream()) {
            out.write(body);
        }
        int status = c.getResponseCode();
        InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        if (in != null) try (in) { in.transferTo(answer); }
        if (status >= 400) System.err.println("Runtime API refused " + path + ": " + status + " " + answer.toString(StandardCharsets.UTF_8));
    }

    private static byte[] errorBody(Throwable t) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorMessage", String.valueOf(t.getMessage()));
        body.put("errorType", t.getClass().getName());
        List<String> trace = new ArrayList<>();
        for (StackTraceElement element : t.getStackTrace()) trace.add(element.toString());
        body.put("stackTrace", trace);
        StringWriter printed = new StringWriter();
        t.printStackTrace(new PrintWriter(printed));
        System.err.print(printed);
        return Json.write(body).getBytes(StandardCharsets.UTF_8);
    }

    private static void initError(String errorType, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorMessage", message);
        body.put("errorType", errorType);
        body.put("stackTrace", new ArrayList<>());
        post("init/error", Json.write(body).getBytes(StandardCharsets.UTF_8), errorType);
        System.exit(1);
    }
}
