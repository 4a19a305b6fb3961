package lmibench;

/** One invocation as GET /runtime/invocation/next handed it out. */
final class Invocation {
    final String requestId;
    final long deadlineMs;
    final String functionArn;
    final byte[] event;

    Invocation(String requestId, long deadlineMs, String functionArn, byte[] event) {
        this.requestId = requestId;
        this.deadlineMs = deadlineMs;
        this.functionArn = functionArn;
        this.event = event;
    }
}
