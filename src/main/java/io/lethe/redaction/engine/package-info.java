/**
 * The PII redaction engine: pure Java (libphonenumber is its only dependency), no I/O, no logging, no framework.
 *
 * <p>Entry point: {@link io.lethe.redaction.engine.Redactor}, built once per {@link
 * io.lethe.redaction.engine.RedactionPolicy} (tenant) and shared; {@link io.lethe.redaction.engine.KnownValues}
 * built once per visitor. {@code redact(text, known)} replaces every detected span with {@code <redacted>} (or a
 * typed {@code <redacted:email>} ...) and copies everything else unchanged.
 *
 * <p>Semantics, in short:
 * <ul>
 *   <li><b>EMAIL</b> - hand-written scanner ({@code EmailDetector}); addresses inside URLs are replaced, the URL
 *       is kept.</li>
 *   <li><b>IP_ADDRESS</b> - validated IPv4 / IPv6 ({@code IpAddressDetector}); a CIDR suffix and a zone id are
 *       part of the span, a port is not.</li>
 *   <li><b>PHONE</b> - libphonenumber at {@code POSSIBLE} leniency plus acceptance and context rules in the
 *       default region, valid numbers of the policy's other regions, international forms whatever the regions
 *       ({@code PhoneDetector}, {@code PhoneShapes}).</li>
 *   <li><b>KNOWN_VALUE</b> - the visitor's values as case-insensitive whole tokens, phones by digits
 *       ({@code KnownTextMatcher}, {@code KnownPhoneMatcher}); each found value keeps its kind (name, visitor id,
 *       form value, e-mail, phone), which names its typed placeholder.</li>
 *   <li><b>PAYMENT_CARD</b> - Luhn-valid 13-19 digit numbers; off by default.</li>
 * </ul>
 * Overlapping or touching spans merge into one placeholder; placeholders already present are never matched,
 * so redaction is idempotent. Every scanner is linear in the input; no regex runs over a whole message.
 */
package io.lethe.redaction.engine;
