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
        "172.16.0.0/12 and 172.16.0.0/33        | <redacted> and <redacted>/33",
        "10.9.8.7@wlan0                         | <redacted>@wlan0",
        "010.000.000.001                        | <redacted>",
        "2001:db8:7::15                         | <redacted>",
        "2001:0DB8:85A3:0000:0000:8A2E:0370:7334| <redacted>",
        "ssh to [2001:db8:7::15]:2222          | ssh to [<redacted>]:2222",
        "fe80::a1%wlan0 up                      | <redacted> up",
        "::ffff:198.51.100.23                   | <redacted>",
        "64:ff9b::203.0.113.5                   | <redacted>",
        "::1 and 1:: and fe80::                 | <redacted> and <redacted> and <redacted>",
        "2001:db8:7::/48                        | <redacted>",
        "9:8:7:6:5:4:3:2                        | <redacted>",
        "ipv6:fe80::1                           | ipv6:<redacted>",
    })
    void redactsAddresses(String text, String expected) {
        assertThat(redact(redactor, text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "256.10.20.30", "192.168.10.256", "300.1.2.3", "10.20.30", "1.2.3", "1.2.3.4.5", "v1.2.3.4", "host10.1.2.3name",
        "00:1B:44:11:3A:B7", "0a:1b:2c:3d:4e:5f", "12:30:45", "10:30:00.123", "16:9", "std::map<int, int>", "a::b",
        "Foo::Bar::baz()", "dead::beef", "::", ":::", "fd00::1::2", "12345::1", "9:8:7:6:5:4:3:2:1",
        "abcd:1:2:3:4:5:6", "::ffff:300.1.2.3", "word2001:db8:7::15", "#33aa77", "Chrome/120.0.6099.109",
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
