package io.lethe.receipt;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/**
 * Proof of an erasure that names no one, built from rows that outlive the erased data: the job's
 * counts, the pending-erasure records of the transcripts kept on hold, and the audit event.
 */
@Type("ErasureReceipt")
@Description("Proof of an erasure that names no one: keep it after the data is gone. jws signs every other field.")
public record ErasureReceipt(
        @NonNull @Id String jobId,
        @Id String requestId,
        @NonNull @Description("Keyed hash of the normalised email (or visitor key); never the email.") String subjectHash,
        @NonNull OffsetDateTime finishedAt,
        int transcriptsRedacted,
        int messagesRedacted,
        int formValuesRedacted,
        int filesDestroyed,
        int visitorsErased,
        @Description("Download links of earlier exports of this subject that now answer 410.") int exportLinksRevoked,
        @NonNull @Id @Description("Transcripts kept under legal hold.") List<@NonNull String> retainedOnHold,
        @Description("Occurrences of the subject's email, phone or visitor key still found in any stored text after"
                + " the job (0 = none).") int residueFound,
        @NonNull @Description("Hash of the audit event that records this erasure (part of the tenant's chain).")
        String auditHash,
        @NonNull @Description("Compact JWS (RS256) over the other fields; keys at GET /receipts/jwks.json.") String jws) {

    /** The fields the signature covers, named as in the API; times as ISO-8601 with offset. */
    Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("jobId", jobId);
        claims.put("requestId", requestId);
        claims.put("subjectHash", subjectHash);
        claims.put("finishedAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(finishedAt));
        claims.put("transcriptsRedacted", transcriptsRedacted);
        claims.put("messagesRedacted", messagesRedacted);
        claims.put("formValuesRedacted", formValuesRedacted);
        claims.put("filesDestroyed", filesDestroyed);
        claims.put("visitorsErased", visitorsErased);
        claims.put("exportLinksRevoked", exportLinksRevoked);
        claims.put("retainedOnHold", retainedOnHold);
        claims.put("residueFound", residueFound);
        claims.put("auditHash", auditHash);
        return claims;
    }

    ErasureReceipt signedWith(String signature) {
        return new ErasureReceipt(jobId, requestId, subjectHash, finishedAt, transcriptsRedacted, messagesRedacted,
                formValuesRedacted, filesDestroyed, visitorsErased, exportLinksRevoked, retainedOnHold, residueFound,
                auditHash, signature);
    }
}
