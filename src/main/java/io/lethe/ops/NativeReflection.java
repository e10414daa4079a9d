package io.lethe.ops;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Native image: keeps the GraphQL and JSON DTOs (records read and written reflectively by
 * SmallRye GraphQL / Jackson) with their constructors, accessors and fields. The GraphQL
 * extension registers the types it finds in the schema; this list also covers DTOs reached only
 * through JSON (REST resources, exports) and makes the intent explicit.
 *
 * <p>Class names rather than class literals: a DTO renamed by another feature must not break
 * compilation of this file; {@code NativeReflectionTest} flags names that no longer resolve.
 */
@RegisterForReflection(classNames = {
        "io.lethe.graphql.PageInfo",
        // attachment
        "io.lethe.attachment.AttachmentView",
        // audit
        "io.lethe.audit.AuditEventConnection",
        "io.lethe.audit.AuditEventEdge",
        "io.lethe.audit.AuditEventView",
        // consent
        "io.lethe.consent.ConsentEventView",
        "io.lethe.consent.ConsentInput",
        // redaction jobs
        "io.lethe.redaction.ErasureInput",
        "io.lethe.redaction.RedactionJobConnection",
        "io.lethe.redaction.RedactionJobEdge",
        "io.lethe.redaction.RedactionJobView",
        // transcript
        "io.lethe.transcript.FormFieldInput",
        "io.lethe.transcript.FormFieldView",
        "io.lethe.transcript.MessageInput",
        "io.lethe.transcript.MessageView",
        "io.lethe.transcript.StartTranscriptInput",
        "io.lethe.transcript.TranscriptConnection",
        "io.lethe.transcript.TranscriptEdge",
        "io.lethe.transcript.TranscriptView",
        // visitor
        "io.lethe.visitor.VisitorConnection",
        "io.lethe.visitor.VisitorEdge",
        "io.lethe.visitor.VisitorView",
}, methods = true, fields = true)
public final class NativeReflection {
    private NativeReflection() {
    }
}
