package io.lethe.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class IpTruncationTest {

    @Test
    void ipv4KeepsItsSlash24WithOrWithoutAPort() {
        assertThat(IpTruncation.truncate("203.0.113.77")).isEqualTo("203.0.113.0");
        assertThat(IpTruncation.truncate(" 203.0.113.77 ")).isEqualTo("203.0.113.0");
        assertThat(IpTruncation.truncate("203.0.113.77:8443")).isEqualTo("203.0.113.0");
        assertThat(IpTruncation.truncate("10.0.0.0")).isEqualTo("10.0.0.0");
        assertThat(IpTruncation.truncate("255.255.255.255")).isEqualTo("255.255.255.0");
    }

    @Test
    void ipv6KeepsItsSlash48WithOrWithoutBracketsPortOrZone() {
        assertThat(IpTruncation.truncate("2001:db8:1234:5678:9abc:def0:1234:5678")).isEqualTo("2001:db8:1234::");
        assertThat(IpTruncation.truncate("2001:DB8:1234:5678::1")).isEqualTo("2001:db8:1234::");
        assertThat(IpTruncation.truncate("[2001:db8:1234:5678::1]")).isEqualTo("2001:db8:1234::");
        assertThat(IpTruncation.truncate("[2001:db8:1234:5678::1]:443")).isEqualTo("2001:db8:1234::");
        assertThat(IpTruncation.truncate("fe80::1%eth0")).isEqualTo("fe80::");
        assertThat(IpTruncation.truncate("2001:0:0:1::5")).isEqualTo("2001::");
        assertThat(IpTruncation.truncate("::1")).isEqualTo("::");
        // a /48 whose middle group is zero and last groups are not: only the longest zero run is compressed
        assertThat(IpTruncation.truncate("2001:0:1::")).isEqualTo("2001:0:1::");
    }

    @Test
    void anIpv4MappedAddressIsTruncatedAsTheIpv4AddressItMaps() {
        assertThat(IpTruncation.truncate("::ffff:192.0.2.1")).isEqualTo("::ffff:192.0.2.0");
        assertThat(IpTruncation.truncate("::FFFF:c000:0201")).isEqualTo("::ffff:192.0.2.0");
        assertThat(IpTruncation.truncate("[::ffff:192.0.2.1]:80")).isEqualTo("::ffff:192.0.2.0");
    }

    @Test
    void anythingElseIsRefusedAndNoNameIsEverResolved() {
        for (String bad : List.of("", "not-an-ip", "example.com", "localhost", "256.1.1.1", "1.2.3", "1.2.3.4:99999",
                "[2001:db8::1", "[2001:db8::1]x", "12345::g", "g::1", "1:2")) {
            assertThatThrownBy(() -> IpTruncation.truncate(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not an IP address");
        }
    }

    @Test
    void rfc5952TextCompressesTheFirstLongestZeroRun() {
        byte[] bytes = new byte[16];
        bytes[1] = 1; // 1:0:0:0:0:0:0:0 -> 1::
        assertThat(IpTruncation.ipv6Text(bytes)).isEqualTo("1::");
        byte[] twoRuns = { 0x20, 0x01, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 };
        assertThat(IpTruncation.ipv6Text(twoRuns)).isEqualTo("2001:0:0:1::1");
    }
}
