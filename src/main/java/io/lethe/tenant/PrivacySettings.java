package io.lethe.tenant;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.vertx.mutiny.sqlclient.Row;

/** A tenant's privacy settings, as stored and as the API shows them; a tenant without a row has {@link #defaults()}. */
@Type("PrivacySettings")
public record PrivacySettings(
        @NonNull @Description("ISO 3166-1 alpha-2 codes: numbers written in the national format of any of them are phone"
                + " numbers; the first is the default.") List<@NonNull String> phoneRegions,
        @NonNull PlaceholderStyle placeholderStyle,
        @Description("Luhn-valid card numbers are redacted too.") boolean detectPaymentCards,
        @Description("At ingest, IPv4 addresses are stored with the last octet zeroed, IPv6 with the last 80 bits zeroed.")
        boolean truncateIpAddresses,
        @NonNull @Description("Purposes whose withdrawal (recordConsent granted:false) opens an ERASURE request for that"
                + " visitor.") List<@NonNull String> eraseOnConsentWithdrawal,
        @NonNull @Description("Listed in Art. 15 exports.") List<@NonNull String> processingPurposes) {

    /** The columns {@link #from} reads. */
    public static final String COLUMNS = "phone_regions, placeholder_style, detect_payment_cards, truncate_ip_addresses,"
            + " erase_on_consent_withdrawal, processing_purposes";

    /** Same as the column defaults of the tenant table. */
    public static final List<String> DEFAULT_PURPOSES = List.of("Answering visitor questions in live chat",
            "Keeping transcripts for support quality");

    public PrivacySettings {
        phoneRegions = List.copyOf(phoneRegions);
        eraseOnConsentWithdrawal = List.copyOf(eraseOnConsentWithdrawal);
        processingPurposes = List.copyOf(processingPurposes);
    }

    public static PrivacySettings defaults() {
        return new PrivacySettings(List.of("US"), PlaceholderStyle.PLAIN, false, false, List.of(), DEFAULT_PURPOSES);
    }

    public static PrivacySettings from(Row row) {
        return new PrivacySettings(List.of(row.getArrayOfStrings("phone_regions")),
                PlaceholderStyle.valueOf(row.getString("placeholder_style")), row.getBoolean("detect_payment_cards"),
                row.getBoolean("truncate_ip_addresses"), List.of(row.getArrayOfStrings("erase_on_consent_withdrawal")),
                List.of(row.getArrayOfStrings("processing_purposes")));
    }

    public static PrivacySettings of(Tenant tenant) {
        return new PrivacySettings(tenant.phoneRegions, tenant.placeholderStyle, tenant.detectPaymentCards,
                tenant.truncateIpAddresses, tenant.eraseOnConsentWithdrawal, tenant.processingPurposes);
    }

    public boolean typedPlaceholders() {
        return placeholderStyle == PlaceholderStyle.TYPED;
    }

    /** Whether withdrawing consent for this purpose erases the visitor. */
    public boolean erasesOnWithdrawal(String purpose) {
        return eraseOnConsentWithdrawal.contains(purpose);
    }
}
