package io.bazaar.runtime.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * What Tomcat answers itself, before any servlet runs (a NUL or an invalid escape in the
 * path, a header Tomcat cannot parse or a NUL in one, a request line or headers that are
 * too long), as {@code application/problem+json} rather than Tomcat's HTML page. Errors
 * raised inside the application never get here: Spring has written their body already.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	/** Puts this valve in place of the host's error report valves. */
	static void install(Container host) {
		for (Valve valve : host.getPipeline().getValves()) {
			if (valve instanceof ErrorReportValve) {
				host.getPipeline().removeValve(valve);
			}
		}
		host.getPipeline().addValve(new ProblemErrorReportValve());
		if (host instanceof StandardHost standardHost) {
			// Otherwise the host adds Tomcat's own valve again when it starts.
			standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
		}
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		HttpStatus known = HttpStatus.resolve(status);
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		String body = "{\"type\":\"" + ProblemTypes.BASE + slug(status) + "\",\"title\":\"" + title + "\",\"status\":"
				+ status + ",\"detail\":\"" + detail(status) + "\"}";
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the answer started: nothing more can be said.
		}
	}

	private static String slug(int status) {
		return switch (status) {
			case 400 -> "malformed-request";
			case 404 -> "not-found";
			case 413 -> "payload-too-large";
			case 414 -> "uri-too-long";
			case 431 -> "headers-too-large";
			default -> (status >= 500) ? "internal-error" : "client-error";
		};
	}

	private static String detail(int status) {
		return switch (status) {
			case 400 -> "The request is malformed: its path, a header or its framing could not be read "
					+ "(a NUL or an invalid escape in the path, a NUL in a header...).";
			case 413, 414, 431 -> "The request is larger than the service accepts.";
			default -> (status >= 500) ? "The request could not be completed." : "The request was refused.";
		};
	}

}
