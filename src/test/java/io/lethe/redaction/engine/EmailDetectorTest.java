package io.lethe.redaction.engine;

import static io.lethe.redaction.engine.Redactions.redact;
import static io.lethe.redaction.engine.Redactions.repeat;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EmailDetectorTest {

    private final Redactor redactor = Redactions.only(PiiType.EMAIL);

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "mail john.doe@example.com now                 | mail <redacted> now",
        "jane+tag@sub.mail.example.co.uk               | <redacted>",
        "olga@xn--80aswg.xn--p1ai                      | <redacted>",
        "b@xn--e1afmkfd.xn--p1ai                        | <redacted>",
        "ivan@пример.рф                                | <redacted>",
        "p.müller@beispiel.de                          | <redacted>",
        "Kim Lee <kim.lee@example.net>                 | Kim Lee <<redacted>>",
        "(bob@example.org)                             | (<redacted>)",
        "[admin@example.com]                           | [<redacted>]",
        "mailto:someone@example.com?subject=Hi         | mailto:<redacted>?subject=Hi",
        "it's sam@example.com.                         | it's <redacted>.",
        "x@y.co                                        | <redacted>",
        "rob!/ops@example.net                          | <redacted>",
        "'kim@example.net                               | <redacted>",
        "kim@[198.51.100.7]                            | <redacted>",
        "kim@[IPv6:2001:db8:7::9]                    | <redacted>",
        ".kim@example.net                              | .<redacted>",
        "first@a.com;second@b.com                      | <redacted>;<redacted>",
    })
    void redactsAddresses(String text, String expected) {
        assertThat(redact(redactor, text)).isEqualTo(expected);
    }

    @Test
    void readsQuotedLocalParts() {
        assertThat(redact(redactor, "\"kim lee\"@example.net")).isEqualTo("<redacted>");
        assertThat(redact(redactor, "\"kim@\"@example.net")).isEqualTo("<redacted>");
        assertThat(redact(redactor, "He wrote \"quoted@example.com\" here")).isEqualTo("He wrote \"<redacted>\" here");
    }

    @Test
    void onlyTheAddressInsideAUrlIsReplaced() {
        assertThat(redact(redactor, "see https://x.com/?u=a@b.com&t=1 ok"))
                .isEqualTo("see https://x.com/?u=<redacted>&t=1 ok");
        assertThat(redact(redactor, "https://example.com/users/jane@example.com/profile"))
                .isEqualTo("https://example.com/users/<redacted>/profile");
        assertThat(redact(redactor, "www.example.com/unsubscribe?email=jo@example.org"))
                .isEqualTo("www.example.com/unsubscribe?email=<redacted>");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "@everyone please read", "ping @john.smith", "kim@intranet", "sam@example.", "foo@bar.c", "kim@.net",
        "npm install react@18.2.0", "docker pull nginx@sha256:abc", "kim@ example.net", "kim @example.net",
        "kim@example.n-et", "kim@-example.net", "kim@example-.net", "kim@ex_ample.net", "a@b",
        "https://example.com/path/file.html",
    })
    void leavesNonAddressesAlone(String text) {
        assertThat(redact(redactor, text)).isEqualTo(text);
    }

    @Test
    void rejectsLocalPartsLongerThan64Chars() {
        String local64 = "a".repeat(64);
        assertThat(redact(redactor, local64 + "@example.com")).isEqualTo("<redacted>");
        String local65 = "a".repeat(65) + "@example.com";
        assertThat(redact(redactor, local65)).isEqualTo(local65);
    }

    @Test
    void hostileInputsFinishWithTheRightAnswer() {
        int mib = 1 << 20;
        String dots = repeat("a@a.a.", mib); // every domain ends in a one-letter label: nothing to redact
        assertThat(redactor.redact(dots, KnownValues.none()).replacements()).isZero();

        String longLocal = "a".repeat(mib) + "@example.com";
        assertThat(redactor.redact(longLocal, KnownValues.none()).changed()).isFalse();

        String longDomain = "x@" + repeat("a.", mib) + "com";
        assertThat(redactor.redact(longDomain, KnownValues.none()).changed()).isFalse();

        String unit = "john@example.com ";
        String many = unit.repeat(mib / unit.length());
        assertThat(redactor.redact(many, KnownValues.none()).replacements()).isEqualTo(mib / unit.length());
    }
}
