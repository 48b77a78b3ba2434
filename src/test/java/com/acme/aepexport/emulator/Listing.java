package com.acme.aepexport.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.acme.aepexport.emulator.Sandbox.Stored;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Flow Service list semantics: {@code property} filters (ANDed), {@code orderby},
 * {@code limit} (default 20, at most 100), {@code count=true}, and a
 * {@code continuationToken} that carries the whole query, so following
 * {@code _links.next.href} alone gives the next page.
 */
final class Listing {

	static final int DEFAULT_LIMIT = 20;

	static final int MAX_LIMIT = 100;

	private Listing() {
	}

	static Reply page(Call call, String collectionHref, List<Stored> candidates, Function<ObjectNode, JsonNode> view) {
		Query query = Query.of(call);
		List<Filter> filters = query.properties().stream().map(Filter::parse).toList();
		List<Stored> matching = candidates.stream()
			.filter((stored) -> filters.stream().allMatch((filter) -> filter.test(stored.node())))
			.sorted(order(query.orderby()))
			.toList();
		if ("true".equalsIgnoreCase(call.queryParam("count"))) {
			ObjectNode body = Json.object();
			body.put("count", matching.size());
			return Reply.json(200, body);
		}
		int from = Math.min(query.offset(), matching.size());
		int to = Math.min(from + query.limit(), matching.size());
		ObjectNode body = Json.object();
		ArrayNode items = body.putArray("items");
		matching.subList(from, to).forEach((stored) -> items.add(view.apply(stored.node())));
		if (to < matching.size()) {
			String token = query.atOffset(to).encode();
			body.putObject("_links").putObject("next").put("href", collectionHref + "?continuationToken=" + token);
		}
		return Reply.json(200, body);
	}

	/**
	 * The values a {@code field==a,b} filter of the call (or of its continuation token)
	 * allows, or {@code null} when none narrows {@code field}: what an entity must hold
	 * to be listed, to leave the others out before they are filtered one by one.
	 */
	static Set<String> anyOf(Call call, String field) {
		Set<String> allowed = null;
		for (String expression : Query.of(call).properties()) {
			Filter filter = Filter.parse(expression);
			if (filter.path().equals(List.of(field)) && "==".equals(filter.operator())) {
				Set<String> values = Arrays.stream(filter.value().split(",")).collect(Collectors.toSet());
				if (allowed != null) {
					values = values.stream().filter(allowed::contains).collect(Collectors.toSet());
				}
				allowed = values;
			}
		}
		return allowed;
	}

	private static Comparator<Stored> order(String orderby) {
		if (orderby == null || orderby.isBlank()) {
			return Stored.NEWEST_FIRST;
		}
		Comparator<Stored> order = null;
		for (String raw : orderby.split(",")) {
			String field = raw.trim();
			boolean descending = field.startsWith("-");
			field = (descending || field.startsWith("+")) ? field.substring(1) : field;
			if (field.isBlank()) {
				throw Rejected.flowBadRequest("orderby is not valid: " + orderby);
			}
			List<String> path = List.of(field.split("\\."));
			Comparator<Stored> byField = (a, b) -> compare(at(a.node(), path), at(b.node(), path));
			byField = descending ? byField.reversed() : byField;
			order = (order == null) ? byField : order.thenComparing(byField);
		}
		return order.thenComparing(Stored.NEWEST_FIRST);
	}

	private static JsonNode at(JsonNode node, List<String> path) {
		JsonNode current = node;
		for (String name : path) {
			current = current.path(name);
		}
		return current;
	}

	private static int compare(JsonNode a, JsonNode b) {
		boolean aMissing = a.isMissingNode() || a.isNull();
		boolean bMissing = b.isMissingNode() || b.isNull();
		if (aMissing || bMissing) {
			return Boolean.compare(aMissing, bMissing);
		}
		if (a.isNumber() && b.isNumber()) {
			return Double.compare(a.doubleValue(), b.doubleValue());
		}
		return a.asString().compareTo(b.asString());
	}

	private record Query(List<String> properties, String orderby, int limit, int offset) {

		static Query of(Call call) {
			String token = call.queryParam("continuationToken");
			if (token != null) {
				return decode(token);
			}
			return new Query(call.queryParams("property"), call.queryParam("orderby"), limit(call.queryParam("limit")),
					0);
		}

		private static int limit(String text) {
			if (text == null) {
				return DEFAULT_LIMIT;
			}
			try {
				int limit = Integer.parseInt(text.trim());
				if (limit >= 1 && limit <= MAX_LIMIT) {
					return limit;
				}
			}
			catch (NumberFormatException ex) {
				// answered below
			}
			throw Rejected.flowBadRequest("limit must be an integer from 1 to " + MAX_LIMIT + ", was " + text);
		}

		Query atOffset(int offset) {
			return new Query(this.properties, this.orderby, this.limit, offset);
		}

		String encode() {
			ObjectNode state = Json.object();
			ArrayNode properties = state.putArray("property");
			this.properties.forEach(properties::add);
			state.put("orderby", this.orderby);
			state.put("limit", this.limit);
			state.put("offset", this.offset);
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(Json.write(state).getBytes(StandardCharsets.UTF_8));
		}

		private static Query decode(String token) {
			JsonNode state;
			try {
				state = Json.parse(new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8));
			}
			catch (IllegalArgumentException ex) {
				state = null;
			}
			if (state == null || !state.path("limit").isInt() || !state.path("offset").isInt()) {
				throw Rejected.flowBadRequest("continuationToken is not valid: " + token);
			}
			List<String> properties = new ArrayList<>();
			state.path("property").forEach((property) -> properties.add(property.asString()));
			return new Query(properties, Json.text(state.get("orderby")), state.get("limit").intValue(),
					state.get("offset").intValue());
		}

	}

	/**
	 * One {@code property} expression: {@code path==value} (a comma-separated value means
	 * "any of"), {@code !=}, or {@code > < >= <=} on numbers. A path segment ending in
	 * {@code []} walks an array, as in
	 * {@code metrics.recordSummary.targetSummaries[].entitySummaries[].id}. Adobe's
	 * grammar (adobe-api-notes.md §4.3) documents no escape and no characters beyond ids
	 * and words in a value: a value holding anything else ({@code (}, {@code ;},
	 * {@code &}, a space, a second operator) is refused, as a grammar that does not take
	 * it literally would misread it.
	 */
	private record Filter(List<String> path, String operator, String value) {

		private static final List<String> OPERATORS = List.of("==", "!=", ">=", "<=", ">", "<");

		private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9_.:@-]+");

		static Filter parse(String expression) {
			for (int i = 1; i < expression.length(); i++) {
				for (String operator : OPERATORS) {
					if (expression.startsWith(operator, i)) {
						Filter filter = new Filter(List.of(expression.substring(0, i).trim().split("\\.")), operator,
								expression.substring(i + operator.length()));
						filter.validate(expression);
						return filter;
					}
				}
			}
			throw Rejected.flowBadRequest("property filter is not valid: " + expression);
		}

		private void validate(String expression) {
			if (isOrdering() && number(this.value) == null) {
				throw Rejected.flowBadRequest("property filter " + expression + " compares with a number");
			}
			for (String alternative : this.value.split(",", -1)) {
				if (!LITERAL.matcher(alternative).matches()) {
					throw Rejected.flowBadRequest("property filter is not valid: " + expression);
				}
			}
		}

		private boolean isOrdering() {
			return !"==".equals(this.operator) && !"!=".equals(this.operator);
		}

		boolean test(JsonNode entity) {
			List<JsonNode> values = new ArrayList<>();
			collect(entity, 0, values);
			return switch (this.operator) {
				case "==" -> values.stream().anyMatch(this::equalsValue);
				case "!=" -> values.stream().noneMatch(this::equalsValue);
				default -> values.stream().anyMatch(this::compares);
			};
		}

		private void collect(JsonNode node, int index, List<JsonNode> out) {
			if (index == this.path.size()) {
				if (node.isArray()) {
					node.forEach(out::add);
				}
				else {
					out.add(node);
				}
				return;
			}
			String segment = this.path.get(index);
			String name = segment.endsWith("[]") ? segment.substring(0, segment.length() - 2) : segment;
			JsonNode child = node.get(name);
			if (child == null) {
				return;
			}
			if (child.isArray() && index + 1 < this.path.size()) {
				child.forEach((element) -> collect(element, index + 1, out));
			}
			else {
				collect(child, index + 1, out);
			}
		}

		private boolean equalsValue(JsonNode node) {
			if (!node.isValueNode()) {
				return false;
			}
			String text = node.asString();
			for (String alternative : this.value.split(",")) {
				if (text.equals(alternative)) {
					return true;
				}
			}
			return false;
		}

		private boolean compares(JsonNode node) {
			if (!node.isNumber()) {
				return false;
			}
			int comparison = Double.compare(node.doubleValue(), number(this.value));
			return switch (this.operator) {
				case ">" -> comparison > 0;
				case "<" -> comparison < 0;
				case ">=" -> comparison >= 0;
				default -> comparison <= 0;
			};
		}

		private static Double number(String text) {
			try {
				return Double.valueOf(text.trim());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

	}

}
