package io.lethe.redaction.engine;

import static io.lethe.redaction.engine.Redactions.redact;
import static io.lethe.redaction.engine.Redactions.repeat;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressDetectorTest {

    private final Redactor redactor = Redactions.only(PiiType.IP_ADDRESS);

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "my ip is 192.168.1.10                  | my ip is <redacted>",
        "255.255.255.255 and 0.0.0.0            | <redacted> and <redacted>",
        "IP: 10.0.0.1.                          | IP: <redacted>.",
        "IP:172.16.254.1                        | IP:<redacted>",
        "src:10.0.0.5                           | src:<redacted>",
        "(8.8.8.8), 1.1.1.1;                    | (<redacted>), <redacted>;",
        "server 10.0.0.1:8080 down              | server <redacted>:8080 down",
        "http://192.168.0.1/admin               | http://<redacted>/admin",
        "10.0.0.0/8 and 10.0.0.0/33             | <redacted> and <redacted>/33",
        "192.168.2.1@eth0                       | <redacted>@eth0",
        "010.000.000.001                        | <redacted>",
        "2001:db8::1                            | <redacted>",
        "2001:0DB8:85A3:0000:0000:8A2E:0370:7334| <redacted>",
        "Connect to [2001:db8::1]:8080          | Connect to [<redacted>]:8080",
        "fe80::1%eth0 up                        | <redacted> up",
        "::ffff:192.0.2.1                       | <redacted>",
        "64:ff9b::198.51.100.1                  | <redacted>",
        "::1 and 1:: and fe80::                 | <redacted> and <redacted> and <redacted>",
        "2001:db8::/32                          | <redacted>",
        "1:2:3:4:5:6:7:8                        | <redacted>",
        "ipv6:fe80::1                           | ipv6:<redacted>",
    })
    void redactsAddresses(String text, String expected) {
        assertThat(redact(redactor, text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "256.1.1.1", "192.168.1.256", "300.1.2.3", "192.168.1", "1.2.3", "1.2.3.4.5", "v1.2.3.4", "IP192.168.1.1text",
        "00:1A:2B:3C:4D:5E", "aa:bb:cc:dd:ee:ff", "12:30:45", "10:30:00.123", "16:9", "std::vector<int>", "a::b",
        "Foo::Bar::baz()", "dead::beef", "::", ":::", "2001::db8::1", "12345::1", "1:2:3:4:5:6:7:8:9",
        "684D:1111:222:3333:4444:5555:77", "::ffff:256.0.0.1", "text2001:db8::1", "#ff00aa", "Chrome/120.0.6099.109",
    })
    void leavesNonAddressesAlone(String text) {
        assertThat(redact(redactor, text)).isEqualTo(text);
    }

    @Test
    void hostileInputsFinishWithTheRightAnswer() {
        int mib = 1 << 20;
        for (String unit : new String[] {"1.1.", "1:", ":", "fe80::", "a:"}) {
            String text = repeat(unit, mib);
            assertThat(redactor.redact(text, KnownValues.none()).changed()).as(unit).isFalse();
        }
        String unit = "192.168.0.1 ";
        String list = unit.repeat(mib / unit.length());
        assertThat(redactor.redact(list, KnownValues.none()).replacements()).isEqualTo(mib / unit.length());
    }
}
