package io.bazaar.systemtest.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The series selectors of a PromQL expression, as far as dashboards and rules use the
 * language: metric names with their label matchers, found by skipping strings, range and
 * subquery brackets, function calls, keywords and the label lists of {@code by},
 * {@code without}, {@code on} and {@code ignoring}.
 */
final class PromQl {

	private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "Inf", "NaN");

	/** Aggregations, which may put their {@code by (...)} before their argument. */
	private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
			"count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");

	private PromQl() {
	}

	/** A metric selector: {@code name{label op "value", ...}}. */
	record Selector(String metric, List<Matcher> matchers) {

		@Override
		public String toString() {
			return this.metric + this.matchers;
		}

	}

	/**
	 * One label matcher: {@code op} is {@code =}, {@code !=}, {@code =~} or {@code !~}.
	 */
	record Matcher(String label, String op, String value) {

		@Override
		public String toString() {
			return this.label + this.op + "\"" + this.value + "\"";
		}

	}

	static List<Selector> selectors(String expression) {
		List<Selector> selectors = new ArrayList<>();
		int i = 0;
		int length = expression.length();
		while (i < length) {
			char c = expression.charAt(i);
			if (c == '"' || c == '\'' || c == '`') {
				i = endOfString(expression, i) + 1;
			}
			else if (c == '[') {
				i = expression.indexOf(']', i) + 1;
			}
			else if (Character.isDigit(c) || c == '.') {
				// numbers and durations (1e3, 0.5, 5m)
				while (i < length && (Character.isLetterOrDigit(expression.charAt(i)) || expression.charAt(i) == '.')) {
					i++;
				}
			}
			else if (Character.isLetter(c) || c == '_' || c == ':') {
				int start = i;
				while (i < length && isNameChar(expression.charAt(i))) {
					i++;
				}
				String name = expression.substring(start, i);
				int next = skipSpaces(expression, i);
				if (GROUPING.contains(name)) {
					i = (next < length && expression.charAt(next) == '(') ? closing(expression, next) + 1 : next;
				}
				else if (KEYWORDS.contains(name) || AGGREGATIONS.contains(name)
						|| (next < length && expression.charAt(next) == '(')) {
					i = next;
				}
				else if (next < length && expression.charAt(next) == '{') {
					int end = closing(expression, next);
					selectors.add(new Selector(name, matchers(expression.substring(next + 1, end))));
					i = end + 1;
				}
				else {
					selectors.add(new Selector(name, List.of()));
				}
			}
			else {
				i++;
			}
		}
		return selectors;
	}

	private static List<Matcher> matchers(String body) {
		List<Matcher> matchers = new ArrayList<>();
		int i = 0;
		while (i < body.length()) {
			i = skipSpaces(body, i);
			if (i >= body.length()) {
				break;
			}
			int start = i;
			while (i < body.length() && isNameChar(body.charAt(i))) {
				i++;
			}
			String label = body.substring(start, i);
			i = skipSpaces(body, i);
			int opStart = i;
			while (i < body.length() && "=!~".indexOf(body.charAt(i)) >= 0) {
				i++;
			}
			String op = body.substring(opStart, i);
			i = skipSpaces(body, i);
			int end = endOfString(body, i);
			matchers.add(new Matcher(label, op, body.substring(i + 1, end).replace("\\\\", "\\")));
			i = skipSpaces(body, end + 1);
			if (i < body.length() && body.charAt(i) == ',') {
				i++;
			}
		}
		return matchers;
	}

	private static boolean isNameChar(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == ':';
	}

	private static int skipSpaces(String text, int from) {
		int i = from;
		while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
			i++;
		}
		return i;
	}

	private static int endOfString(String text, int quote) {
		char delimiter = text.charAt(quote);
		int i = quote + 1;
		while (i < text.length() && text.charAt(i) != delimiter) {
			i += (text.charAt(i) == '\\') ? 2 : 1;
		}
		if (i >= text.length()) {
			throw new IllegalArgumentException("Unterminated string in: " + text);
		}
		return i;
	}

	private static int closing(String text, int open) {
		char opening = text.charAt(open);
		char closing = (opening == '(') ? ')' : '}';
		int depth = 0;
		for (int i = open; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\'' || c == '`') {
				i = endOfString(text, i);
			}
			else if (c == opening) {
				depth++;
			}
			else if (c == closing && --depth == 0) {
				return i;
			}
		}
		throw new IllegalArgumentException("Unbalanced " + opening + " in: " + text);
	}

}
