package io.bazaar.gateway.observability;

/**
 * What the access log says of one request. Its {@link #toString()} is the line's message,
 * so an appender without {@link AccessLogFormatter} still writes something readable.
 *
 * @param method the request's method
 * @param path the request's path, as received
 * @param status the answer's status ({@code 0} when none was set)
 * @param durationMs from the request's arrival to the end of its answer
 * @param requestId the request's id ({@code X-Request-Id}), or {@code null}
 * @param clientAddress the address of the connection's peer, or an empty string
 * @param traceId the trace of the request's server span, or {@code null}
 * @param spanId the request's server span, or {@code null}
 */
record AccessLogEntry(String method, String path, int status, long durationMs, String requestId, String clientAddress,
		String traceId, String spanId) {

	@Override
	public String toString() {
		return this.method + " " + this.path + " " + this.status;
	}

}
