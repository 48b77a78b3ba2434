package com.acme.aepexport.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adobe's file-name macros for the cloud-storage destinations we create
 * ({@code destinations.yaml}, {@code BatchSegmentSelector_V2.fileNameTemplate}): a
 * {@code %NAME%} in capitals must be one of them; any other text, {@code %custom text%}
 * included, is custom text. The legacy cards' {@code %DESTINATION_NAME%} is not one of
 * them: on these destinations it is {@code %DESTINATION%} (docs/adobe-deviations.md).
 */
final class FileNameTemplate {

	/** The macros, as the contract lists them. */
	static final List<String> MACROS = List.of("%DESTINATION%", "%SEGMENT_ID%", "%SEGMENT_NAME%",
			"%DESTINATION_INSTANCE_ID%", "%DESTINATION_INSTANCE_NAME%", "%ORGANIZATION_NAME%", "%SANDBOX_NAME%",
			"%DATETIME(<pattern>)%", "%TIMESTAMP%");

	private static final Set<String> NAMES = Set.of("DESTINATION", "SEGMENT_ID", "SEGMENT_NAME",
			"DESTINATION_INSTANCE_ID", "DESTINATION_INSTANCE_NAME", "ORGANIZATION_NAME", "SANDBOX_NAME", "TIMESTAMP");

	/** What looks like a macro: capitals, digits and '_', or DATETIME(...). */
	private static final Pattern MACRO = Pattern.compile("%([A-Z][A-Z0-9_]*|DATETIME\\([^%()]*\\))%");

	/**
	 * The names of an audience's files when it gives no template: Adobe's default, the
	 * destination, the audience's id, and the date and time of the export.
	 */
	static final String ADOBE_DEFAULT = "%DESTINATION%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%";

	/** A macro, or custom text, between a pair of percent signs. */
	private static final Pattern BETWEEN_PERCENTS = Pattern.compile("%([^%]*)%");

	private FileNameTemplate() {
	}

	/**
	 * The name an audience's files get from the template (a valid one), as far as it is
	 * known before the export runs; what only a run or Adobe knows stays a placeholder:
	 * {@code {destination}}, {@code {organizationName}}, {@code {timestamp}},
	 * {@code {datetime:YYYYMMdd_HHmmss}}. Custom text between percent signs is written
	 * without them.
	 * @param known the values of the macros the export knows: audience, sandbox, dataflow
	 */
	static String apply(String template, Known known) {
		return BETWEEN_PERCENTS.matcher(template).replaceAll((between) -> {
			String inside = between.group(1);
			String value = switch (inside) {
				case "SEGMENT_ID" -> known.audienceId();
				case "SEGMENT_NAME" -> (known.audienceName() != null) ? known.audienceName() : "{segmentName}";
				case "SANDBOX_NAME" -> known.sandbox();
				case "DESTINATION_INSTANCE_ID" -> known.dataflowId();
				case "DESTINATION_INSTANCE_NAME" -> known.dataflowName();
				case "DESTINATION" -> "{destination}";
				case "ORGANIZATION_NAME" -> "{organizationName}";
				case "TIMESTAMP" -> "{timestamp}";
				default -> (inside.startsWith("DATETIME(") && inside.endsWith(")"))
						? "{datetime:" + inside.substring("DATETIME(".length(), inside.length() - 1) + "}" : inside;
			};
			return Matcher.quoteReplacement(value);
		});
	}

	/**
	 * What an export knows of the macros before it runs.
	 *
	 * @param audienceName as the request names the audience, or {@code null}
	 * @param dataflowId the dataflow's id, or its placeholder when it is not made yet
	 */
	record Known(String audienceId, String audienceName, String sandbox, String dataflowId, String dataflowName) {

	}

	/** What is wrong with the template, each a sentence; empty when nothing is. */
	static List<String> problems(String template) {
		List<String> problems = new ArrayList<>();
		if (template.chars().filter((c) -> c == '%').count() % 2 != 0) {
			problems.add("has a '%' without its pair");
		}
		boolean datetime = false;
		boolean timestamp = false;
		Matcher macro = MACRO.matcher(template);
		while (macro.find()) {
			String name = macro.group(1);
			if (name.startsWith("DATETIME(")) {
				datetime = true;
			}
			else if (name.equals("TIMESTAMP")) {
				timestamp = true;
			}
			else if (!NAMES.contains(name)) {
				problems.add("uses %" + name + "%, which is not one of Adobe's file-name macros "
						+ (name.equals("DESTINATION_NAME") ? "for cloud-storage destinations (use %DESTINATION%)"
								: String.join(", ", MACROS)));
			}
		}
		if (datetime && timestamp) {
			problems.add("uses both %DATETIME(...)% and %TIMESTAMP%; Adobe takes one of them");
		}
		return problems;
	}

}
