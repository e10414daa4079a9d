package io.lethe.redaction.engine;

import static io.lethe.redaction.engine.Redactions.redact;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneDetectorTest {

    private final Redactor us = Redactions.only(PiiType.PHONE);

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "call me at (415) 555-0177           | call me at <redacted>",
        "415-555-0199 after 5pm              | <redacted> after 5pm",
        "415.555.0123 / 4155550123           | <redacted> / <redacted>",
        "+1 415 555 0100                     | <redacted>",
        "+44 20 7946 0958 is London          | <redacted> is London",
        "(212) 555-0147 ext. 12 please       | <redacted> please",
        "dial 011 44 20 7946 0958            | dial <redacted>",
        "456-555-0124                        | <redacted>",
        "Tel:628-555-0143.                   | Tel:<redacted>.",
        "请打628-555-0143找我                  | 请打<redacted>找我",
        "zz+16285550143                      | zz<redacted>",
        "$35 628-555-0143                    | $35 <redacted>",
        "on 2024-01-15 call (415) 555-0177   | on 2024-01-15 call <redacted>",
        "415-666-7777.Nice day.              | <redacted>.Nice day.",
        "415-555-0100 415-555-0199           | <redacted> <redacted>",
    })
    void redactsUsAndInternationalNumbers(String text, String expected) {
        assertThat(redact(us, text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "The meeting is on 2024-01-15 at 12:30:45", "Invoice date: 15/01/2024", "due 04/18/2013", "born 21.06.1984",
        "worked there 2019-2024", "open 9:00-17:30", "It costs $1,234.56", "Price: 1.234.567,00 €", "pi is 3.14159265",
        "Windows build v10.0.19041", "Build 10.0.22621.2428", "Chrome/120.0.6099.109", "ISBN 978-1-4028-9462-6",
        "ISBN 0-19-852663-6", "We're at 37.7749, -122.4194", "order #123456789", "order #4155550199",
        "Your order number is 1234567890", "Ref: INV-2023-004417", "ticket 4567890", "zip 94105-1234",
        "tracking 1Z999AA10123456784", "USPS 9400 1000 0000 0000 0000 00", "epoch 1700000000", "1 2 3 4 5 6 7 8 9",
        "zz628-555-0143yy", "$628-555-0143", "628-555-0143%", "192.168.10.256", "call 555-1234",
        "300.168.1.1", "host 124.14.32.abc",
    })
    void leavesNumbersThatAreNotPhonesAlone(String text) {
        assertThat(redact(us, text)).isEqualTo(text);
    }

    @Test
    void readsNationalNumbersWithTheTenantRegion() {
        assertThat(redact(Redactions.only("DE", PiiType.PHONE), "Tel. 030 12345678 oder 0171 1234567"))
                .isEqualTo("Tel. <redacted> oder <redacted>");
        assertThat(redact(Redactions.only("GB", PiiType.PHONE), "call 07700 900457")).isEqualTo("call <redacted>");
        assertThat(redact(Redactions.only("FR", PiiType.PHONE), "au 06 12 34 56 78")).isEqualTo("au <redacted>");
        assertThat(redact(us, "call 07700 900457")).as("not a US number").isEqualTo("call 07700 900457");
    }

    @Test
    void readsNationalNumbersOfEveryTenantRegion() {
        Redactor usDe = new Redactor(new RedactionPolicy(List.of("US", "DE"), false, EnumSet.of(PiiType.PHONE)));
        assertThat(redact(usDe, "Tel. 030 12345678 oder 0171 1234567")).isEqualTo("Tel. <redacted> oder <redacted>");
        assertThat(redact(us, "Tel. 030 12345678 oder 0171 1234567")).as("DE not among the regions")
                .isEqualTo("Tel. 030 12345678 oder 0171 1234567");
        assertThat(redact(usDe, "call (415) 555-0177 or 415.555.0123")).isEqualTo("call <redacted> or <redacted>");
        Redactor all = new Redactor(new RedactionPolicy(List.of("GB", "DE", "FR", "ES", "IT", "BR"), false,
                EnumSet.of(PiiType.PHONE)));
        assertThat(redact(all, "07700 900457, 06 12 34 56 78, 612 34 56 78, 333 123 4567, (11) 98765-4321"))
                .isEqualTo("<redacted>, <redacted>, <redacted>, <redacted>, <redacted>");
    }

    @Test
    void readsAnotherCountrysNationalNumberOnlyWithItsRegionButInternationalFormsAlways() {
        Redactor de = Redactions.only("DE", PiiType.PHONE);
        assertThat(redact(de, "call me on (415) 555-0177")).as("US national form, DE tenant")
                .isEqualTo("call me on (415) 555-0177");
        assertThat(redact(de, "call me on +1 415 555 0177")).isEqualTo("call me on <redacted>");
        assertThat(redact(us, "ring 0044 20 7946 0958 or 00 49 30 12345678 or +49 (0)30 12345678"))
                .isEqualTo("ring <redacted> or <redacted> or <redacted>");
    }

    @Test
    void aNationalNumberWithoutItsTrunkPrefixIsNoPhone() {
        Redactor fr = Redactions.only("FR", PiiType.PHONE);
        assertThat(redact(fr, "le 732 829 320, pas le 07 32 82 93 20")).isEqualTo("le 732 829 320, pas le <redacted>");
        assertThat(redact(Redactions.only("DE", PiiType.PHONE), "94105-1234, Tel 30 12345678, 06/21"))
                .isEqualTo("94105-1234, Tel 30 12345678, 06/21");
        Redactor deFirst = new Redactor(new RedactionPolicy(List.of("DE", "US"), false, EnumSet.of(PiiType.PHONE)));
        assertThat(redact(deFirst, "ZIP 94105-1234, on 06/21 at 415-666-7777"))
                .isEqualTo("ZIP 94105-1234, on 06/21 at <redacted>");
        assertThat(redact(deFirst, "call (555) 123-4567")).as("phone-shaped, in a region after the default")
                .isEqualTo("call <redacted>");
        assertThat(redact(Redactions.only("IN", PiiType.PHONE), "call 98765 43210")).as("Indian mobiles go without 0")
                .isEqualTo("call <redacted>");
    }

    @Test
    void leavesRegionalNonPhonesAloneWhateverTheRegions() {
        Redactor many = new Redactor(new RedactionPolicy(List.of("DE", "GB", "FR", "NL", "ES", "IT", "PL", "SE", "US",
                "IN", "BR"), false, EnumSet.of(PiiType.PHONE)));
        for (String text : new String[] {"IBAN DE89 3704 0044 0532 0130 00", "GB82 WEST 1234 5698 7654 32",
            "NL91 ABNA 0417 1643 00", "SIREN 732 829 320", "NIP 123-456-32-18", "CPF 123.456.789-09", "CEP 01310-100",
            "Steuernummer 21/815/08150", "fattura n. 2024/123", "1 234 567 habitants", "bankgiro 5050-1055",
            "P.IVA 12345678901", "am 15.03.2024 um 14.30 Uhr", "1.299,00 €", "R$ 1.234,56", "PNR 4512345678",
            "version 10.0.19045", "192.168.178.21", "94105-1234"}) {
            assertThat(redact(many, text)).as(text).isEqualTo(text);
        }
    }

    @Test
    void reattachesPrefixesLibphonenumberLeftOut() {
        Redactor mx = Redactions.only("MX", PiiType.PHONE);
        assertThat(redact(mx, "Hola 044 (55) 4321-8765")).isEqualTo("Hola <redacted>");
        assertThat(redact(mx, "045 55 4321-8765, 30 days")).isEqualTo("<redacted>, 30 days");
        assertThat(redact(mx, "cel +52 1 55 8765 4321")).isEqualTo("cel <redacted>");
        assertThat(redact(us, "Ship to NV 89501 - 628-555-0143")).isEqualTo("Ship to NV 89501 - <redacted>");
    }

    @Test
    void doesNotReadIpAddressesAsPhoneNumbers() {
        Redactor both = new Redactor(RedactionPolicy.defaults());
        assertThat(both.detect("10.0.0.1 415-555-0100", KnownValues.none())).containsExactly(
                new Span(0, 8, PiiType.IP_ADDRESS), new Span(9, 21, PiiType.PHONE));
        assertThat(redact(us, "IP 192.168.100.200")).as("phone detector alone").isEqualTo("IP 192.168.100.200");
    }

    /**
     * libphonenumber costs microseconds per char of digit-dense text (linear; HostileInputBenchmark has the 1 MiB
     * timings), so these use 64 KiB to keep the suite quick.
     */
    @Test
    void hostileDigitInputsFinish() {
        int size = 1 << 16;
        for (String unit : new String[] {"1234567890", "1 ", "1.1.", "1-", "+1 ", "(1)"}) {
            assertThat(us.redact(Redactions.repeat(unit, size), KnownValues.none()).changed()).as(unit).isFalse();
        }
        for (String unit : new String[] {"415-555-0100 ", "+1 415 555 0100 ", "+52 1 55 8765 4321 "}) {
            int count = size / unit.length();
            assertThat(us.redact(unit.repeat(count), KnownValues.none()).replacements()).as(unit).isEqualTo(count);
        }
    }
}
