package com.acme.aepexport.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a webhook may go: {@code https} (or {@code http} where allowed), to a host whose
 * every address is public, unless the host or its range is allowed by configuration. A
 * target is checked when it is subscribed and again before each attempt, since what a
 * name resolves to can change. Redirects are never followed, so a target cannot lead
 * elsewhere.
 */
final class TargetRules {

	/** Resolves a host name to its addresses (the JDK's resolver, or a test's). */
	@FunctionalInterface
	interface Resolver {

		InetAddress[] resolve(String host) throws UnknownHostException;

	}

	private final boolean allowHttp;

	private final List<String> allowedNames = new ArrayList<>();

	private final List<AddressRange> allowedRanges = new ArrayList<>();

	private final Resolver resolver;

	TargetRules(boolean allowHttp, List<String> allowedHosts, Resolver resolver) {
		this.allowHttp = allowHttp;
		this.resolver = resolver;
		for (String entry : allowedHosts) {
			String trimmed = entry.strip();
			AddressRange.parse(trimmed)
				.ifPresentOrElse(this.allowedRanges::add,
						() -> this.allowedNames.add(trimmed.toLowerCase(Locale.ROOT)));
		}
	}

	static TargetRules of(WebhookSettings settings) {
		return new TargetRules(settings.allowHttp(), settings.allowedHosts(), InetAddress::getAllByName);
	}

	/** Why the URL may not be a target, or empty when it may. */
	Optional<String> refusal(String url) {
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			return Optional.of("must be an absolute URL");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
		if (!"https".equals(scheme) && !(this.allowHttp && "http".equals(scheme))) {
			return Optional.of(this.allowHttp ? "must be an https or http URL"
					: "must be an https URL (http only where exports.webhooks.allow-http is true)");
		}
		if (uri.getRawUserInfo() != null) {
			return Optional.of("must not carry a user name or password");
		}
		String host = uri.getHost();
		if (host == null || host.isEmpty()) {
			return Optional.of("must name a host");
		}
		String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
		if (this.allowedNames.contains(name.toLowerCase(Locale.ROOT))) {
			return Optional.empty();
		}
		InetAddress[] addresses;
		try {
			addresses = this.resolver.resolve(name);
		}
		catch (UnknownHostException ex) {
			return Optional.of("host " + name + " does not resolve");
		}
		for (InetAddress address : addresses) {
			Optional<String> refused = refusal(address);
			if (refused.isPresent()) {
				return Optional.of("host " + name + " resolves to " + address.getHostAddress() + ", " + refused.get()
						+ ", which is refused unless exports.webhooks.allowed-hosts allows it");
			}
		}
		return Optional.empty();
	}

	private Optional<String> refusal(InetAddress address) {
		if (this.allowedRanges.stream().anyMatch((range) -> range.contains(address))) {
			return Optional.empty();
		}
		if (address.isAnyLocalAddress() || AddressRange.THIS_NETWORK.contains(address)) {
			return Optional.of("an unspecified address");
		}
		if (address.isLoopbackAddress()) {
			return Optional.of("a loopback address");
		}
		if (address.isLinkLocalAddress()) {
			// 169.254.0.0/16 and fe80::/10, cloud metadata (169.254.169.254) among them.
			return Optional.of("a link-local address");
		}
		if (address.isSiteLocalAddress() || AddressRange.UNIQUE_LOCAL.contains(address)
				|| AddressRange.SHARED.contains(address)) {
			return Optional.of("a private address");
		}
		if (address.isMulticastAddress()) {
			return Optional.of("a multicast address");
		}
		return Optional.empty();
	}

	/** An address and a prefix length: {@code 10.0.0.0/8}, or one address. */
	record AddressRange(byte[] network, int prefix) {

		/** 0.0.0.0/8: "this network", never a destination. */
		static final AddressRange THIS_NETWORK = parse("0.0.0.0/8").orElseThrow();

		/** fc00::/7, IPv6's private addresses (the JDK's site-local is fec0::/10). */
		static final AddressRange UNIQUE_LOCAL = parse("fc00::/7").orElseThrow();

		/** 100.64.0.0/10, carrier-grade NAT, where some clouds keep metadata services. */
		static final AddressRange SHARED = parse("100.64.0.0/10").orElseThrow();

		/** A range or an address given literally; empty for a host name. */
		static Optional<AddressRange> parse(String text) {
			int slash = text.indexOf('/');
			String address = (slash < 0) ? text : text.substring(0, slash);
			if (!isLiteral(address)) {
				return Optional.empty();
			}
			try {
				byte[] bytes = InetAddress.getByName(address).getAddress();
				int prefix = (slash < 0) ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
				if (prefix < 0 || prefix > bytes.length * 8) {
					throw new IllegalArgumentException("Bad prefix length in " + text);
				}
				return Optional.of(new AddressRange(bytes, prefix));
			}
			catch (UnknownHostException | NumberFormatException ex) {
				throw new IllegalArgumentException("Not an address range: " + text, ex);
			}
		}

		/** Digits and dots, or hex digits and colons: never looked up. */
		private static boolean isLiteral(String text) {
			return text.matches("[0-9.]+") || (text.contains(":") && text.matches("[0-9A-Fa-f:.]+"));
		}

		boolean contains(InetAddress address) {
			byte[] bytes = address.getAddress();
			if (bytes.length != this.network.length) {
				return false;
			}
			int whole = this.prefix / 8;
			for (int i = 0; i < whole; i++) {
				if (bytes[i] != this.network[i]) {
					return false;
				}
			}
			int rest = this.prefix % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xff << (8 - rest)) & 0xff;
			return (bytes[whole] & mask) == (this.network[whole] & mask);
		}

	}

}
