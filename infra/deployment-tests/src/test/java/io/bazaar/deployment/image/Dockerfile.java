package io.bazaar.deployment.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile as a list of build stages, each a list of instructions (comments dropped,
 * line continuations joined).
 */
public record Dockerfile(List<Stage> stages) {

	private static final Pattern ARGUMENT = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

	/**
	 * The Dockerfile as built with these {@code --build-arg} values: each {@code ${NAME}}
	 * they name is replaced by its value, the others are left as written.
	 */
	public static Dockerfile parse(String text, Map<String, String> buildArguments) {
		return parse(ARGUMENT.matcher(text)
			.replaceAll(
					(match) -> Matcher.quoteReplacement(buildArguments.getOrDefault(match.group(1), match.group()))));
	}

	public static Dockerfile parse(String text) {
		List<Stage> stages = new ArrayList<>();
		StringBuilder logical = new StringBuilder();
		for (String line : text.split("\n")) {
			String trimmed = line.strip();
			if (trimmed.startsWith("#") || (trimmed.isEmpty() && logical.isEmpty())) {
				continue;
			}
			if (trimmed.endsWith("\\")) {
				logical.append(trimmed, 0, trimmed.length() - 1).append(' ');
				continue;
			}
			logical.append(trimmed);
			add(logical.toString().strip(), stages);
			logical.setLength(0);
		}
		if (!logical.isEmpty()) {
			add(logical.toString().strip(), stages);
		}
		return new Dockerfile(List.copyOf(stages));
	}

	private static void add(String instruction, List<Stage> stages) {
		if (instruction.isEmpty()) {
			return;
		}
		int space = instruction.indexOf(' ');
		String keyword = ((space < 0) ? instruction : instruction.substring(0, space)).toUpperCase(Locale.ROOT);
		String arguments = (space < 0) ? "" : instruction.substring(space + 1).strip();
		if (keyword.equals("FROM")) {
			stages.add(new Stage(arguments, new ArrayList<>()));
		}
		else if (stages.isEmpty()) {
			if (!keyword.equals("ARG")) {
				throw new IllegalArgumentException(keyword + " before the first FROM");
			}
		}
		else {
			stages.get(stages.size() - 1).instructions().add(new Instruction(keyword, arguments));
		}
	}

	/** The stage the image is made of. */
	public Stage last() {
		if (this.stages.isEmpty()) {
			throw new IllegalStateException("No FROM in the Dockerfile");
		}
		return this.stages.get(this.stages.size() - 1);
	}

	/**
	 * A build stage.
	 *
	 * @param from the FROM arguments (image and optional AS name)
	 * @param instructions what follows it
	 */
	public record Stage(String from, List<Instruction> instructions) {

		public String image() {
			return this.from.split("\\s+")[0];
		}

		public List<String> arguments(String keyword) {
			return this.instructions.stream()
				.filter((instruction) -> instruction.keyword().equals(keyword))
				.map(Instruction::arguments)
				.toList();
		}

	}

	/**
	 * One instruction.
	 *
	 * @param keyword upper-cased instruction keyword
	 * @param arguments everything after it
	 */
	public record Instruction(String keyword, String arguments) {
	}

}
