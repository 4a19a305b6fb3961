package lmibench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A handler in Lambda's form, `package.Class::method` (or `package.Class`, then handleRequest,
 * as RequestHandler and RequestStreamHandler name it), resolved once at init. The forms taken:
 * (InputStream, OutputStream[, Context]) and (event[, Context]) where the event is a Map, List,
 * String, Object or a boxed scalar read from JSON. The Context is any interface (AWS's own
 * com.amazonaws.services.lambda.runtime.Context when the jar brings aws-lambda-java-core),
 * answered by a dynamic proxy.
 */
final class HandlerMethod {
    /** A problem the user must fix in the handler or its code: reported as an init error. */
    static final class Unusable extends Exception {
        final String errorType;

        Unusable(String errorType, String message) {
            super(message);
            this.errorType = errorType;
        }
    }

    private enum Form { STREAM, EVENT, NONE }

    private final Object target;
    private final Method method;
    private final Form form;
    private final Class<?> contextType;

    private HandlerMethod(Object target, Method method, Form form, Class<?> contextType) {
        this.target = target;
        this.method = method;
        this.form = form;
        this.contextType = contextType;
    }

    static HandlerMethod resolve(String handler, ClassLoader loader, String code) throws Unusable {
        int colons = handler.indexOf("::");
        String className = colons < 0 ? handler : handler.substring(0, colons);
        String methodName = colons < 0 ? "handleRequest" : handler.substring(colons + 2);
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new Unusable("Runtime.ClassNotFound", "Class not found: " + className + " (in " + code + ")");
        } catch (ExceptionInInitializerError e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new Unusable("Runtime.InitError", className + " failed in its static initialiser: " + cause);
        }
        List<Method> named = new ArrayList<>();
        for (Method m : type.getMethods()) if (m.getName().equals(methodName) && !m.isBridge()) named.add(m);
        if (named.isEmpty()) throw new Unusable("Runtime.MethodNotFound", "No public method named " + methodName + " in class " + className);
        named.sort((a, b) -> b.getParameterCount() - a.getParameterCount());
        for (Method m : named) {
            HandlerMethod resolved = fit(type, m);
            if (resolved != null) return resolved;
        }
        throw new Unusable("Runtime.MethodNotFound", "Method " + className + "::" + methodName + signature(named.get(0))
            + " has a signature no Lambda runtime accepts: use (InputStream, OutputStream), (InputStream, OutputStream, Context) or (event[, Context]) with a Map, List, String or Object event");
    }

    private static String signature(Method m) {
        StringBuilder out = new StringBuilder("(");
        for (Class<?> p : m.getParameterTypes()) out.append(out.length() > 1 ? ", " : "").append(p.getSimpleName());
        return out.append(')').toString();
    }

    private static boolean eventType(Class<?> p) {
        return p == Object.class || p == String.class || Map.class.isAssignableFrom(p) && p.isInterface() || List.class.isAssignableFrom(p) && p.isInterface()
            || p == Long.class || p == Integer.class || p == Double.class || p == Boolean.class || p == Number.class;
    }

    private static HandlerMethod fit(Class<?> type, Method m) throws Unusable {
        Class<?>[] p = m.getParameterTypes();
        Form form = null;
        Class<?> context = null;
        if (p.length >= 2 && p[0] == InputStream.class && p[1] == OutputStream.class && (p.length == 2 || p.length == 3 && p[2].isInterface())) {
            form = Form.STREAM;
            context = p.length == 3 ? p[2] : null;
        } else if (p.length >= 1 && p.length <= 2 && eventType(p[0]) && (p.length == 1 || p[1].isInterface())) {
            form = Form.EVENT;
            context = p.length == 2 ? p[1] : null;
        } else if (p.length == 0) {
            form = Form.NONE;
        }
        if (form == null) return null;
        return new HandlerMethod(instance(type, m), m, form, context);
    }

    private static Object instance(Class<?> type, Method m) throws Unusable {
        if (Modifier.isStatic(m.getModifiers())) return null;
        try {
            return type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new Unusable("Runtime.InitError", type.getName() + " needs a public no-argument constructor for its instance method " + m.getName());
        } catch (InvocationTargetException e) {
            throw new Unusable("Runtime.InitError", type.getName() + " constructor failed: " + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new Unusable("Runtime.InitError", "cannot create " + type.getName() + ": " + e);
        }
    }

    /** Runs the handler on one event; the result is the response body. Throws what the handler threw. */
    byte[] call(byte[] event, Invocation invocation) throws Throwable {
        Object context = contextType == null ? null : contextProxy(invocation);
        try {
            switch (form) {
                case STREAM: {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    InputStream in = new ByteArrayInputStream(event);
                    if (context == null) method.invoke(target, in, out);
                    else method.invoke(target, in, out, context);
                    return out.toByteArray();
                }
                case EVENT: {
                    Object input = convert(Json.parse(new String(event, StandardCharsets.UTF_8)), method.getParameterTypes()[0]);
                    Object result = context == null ? method.invoke(target, input) : method.invoke(target, input, context);
                    return Json.write(result).getBytes(StandardCharsets.UTF_8);
                }
                default:
                    return Json.write(method.invoke(target)).getBytes(StandardCharsets.UTF_8);
            }
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Object convert(Object parsed, Class<?> type) {
        if (parsed == null || type.isInstance(parsed)) return parsed;
        if (type == String.class) return Json.write(parsed);
        if (type == Integer.class && parsed instanceof Number) return ((Number) parsed).intValue();
        if (type == Double.class && parsed instanceof Number) return ((Number) parsed).doubleValue();
        throw new IllegalArgumentException("the event is not a " + type.getSimpleName() + ": " + Json.write(parsed));
    }

    private Object contextProxy(Invocation invocation) {
        return Proxy.newProxyInstance(contextType.getClassLoader(), new Class<?>[] {contextType}, (proxy, m, args) -> {
            switch (m.getName()) {
                case "getAwsRequestId": return invocation.requestId;
                case "getLogGroupName": return System.getenv("AWS_LAMBDA_LOG_GROUP_NAME");
                case "getLogStreamName": return System.getenv("AWS_LAMBDA_LOG_STREAM_NAME");
                case "getFunctionName": return System.getenv("AWS_LAMBDA_FUNCTION_NAME");
                case "getFunctionVersion": return System.getenv("AWS_LAMBDA_FUNCTION_VERSION");
                case "getInvokedFunctionArn": return invocation.functionArn;
                case "getRemainingTimeInMillis": return (int) Math.max(0, invocation.deadlineMs - System.currentTimeMillis());
                case "getMemoryLimitInMB": return Integer.parseInt(System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"));
                case "getLogger": return m.getReturnType().isInterface() ? logger(m.getReturnType()) : null;
                case "toString": return "Context(" + invocation.requestId + ")";
                case "hashCode": return System.identityHashCode(proxy);
                case "equals": return proxy == args[0];
                default: return null;
            }
        });
    }

    private static Object logger(Class<?> type) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            if (m.getName().equals("log") && args != null && args.length > 0) {
                Object message = args[0];
                System.out.println(message instanceof byte[] ? new String((byte[]) message, StandardCharsets.UTF_8) : String.valueOf(message));
            }
            return null;
        });
    }
}
