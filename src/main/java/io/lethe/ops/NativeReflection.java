package io.lethe.ops;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Native image: keeps the GraphQL and JSON DTOs (records read and written reflectively by
 * SmallRye GraphQL / Jackson) with their constructors, accessors and fields. The GraphQL
 * extension registers the types it finds in the schema itself; this list also covers records
 * reached only through JSON (REST resources, data-subject exports) and makes the intent explicit.
 * New DTOs belong here too (package io.lethe.*: *View, *Input, *Filter, *Connection, *Edge).
 *
 * <p>Class names rather than class literals: a DTO renamed by another feature must not break
 * compilation of this file; {@code NativeReflectionTest} flags names that no longer resolve.
 */
@RegisterForReflection(classNames = {
        "io.lethe.api.PageInfo",
        "io.lethe.attachment.AttachmentView",
        "io.lethe.audit.AuditEventConnection",
        "io.lethe.audit.AuditEventEdge",
        "io.lethe.audit.AuditEventView",
        "io.lethe.audit.AuditFilter",
        "io.lethe.consent.ConsentEventView",
        "io.lethe.consent.ConsentInput",
        "io.lethe.export.DataExportView",
        "io.lethe.redaction.ErasureInput",
        "io.lethe.redaction.RedactionJobConnection",
        "io.lethe.redaction.RedactionJobEdge",
        "io.lethe.redaction.RedactionJobView",
        "io.lethe.request.DataSubjectRequestConnection",
        "io.lethe.request.DataSubjectRequestEdge",
        "io.lethe.request.DataSubjectRequestInput",
        "io.lethe.request.DataSubjectRequestView",
        "io.lethe.retention.RetentionPolicyInput",
        "io.lethe.retention.RetentionPolicyView",
        "io.lethe.transcript.FormFieldInput",
        "io.lethe.transcript.FormFieldView",
        "io.lethe.transcript.MessageInput",
        "io.lethe.transcript.MessageView",
        "io.lethe.transcript.StartTranscriptInput",
        "io.lethe.transcript.TranscriptConnection",
        "io.lethe.transcript.TranscriptEdge",
        "io.lethe.transcript.TranscriptFilter",
        "io.lethe.transcript.TranscriptView",
        "io.lethe.consent.ConsentStatusView",
        "io.lethe.visitor.RectifyVisitorInput",
        "io.lethe.visitor.VisitorConnection",
        "io.lethe.visitor.VisitorEdge",
        "io.lethe.visitor.VisitorFilter",
        "io.lethe.visitor.VisitorView",
        "io.lethe.export.ExportRows$Controller",
        "io.lethe.export.ExportRows$Header",
        "io.lethe.export.ExportRows$Visitor",
        "io.lethe.export.ExportRows$Consent",
        "io.lethe.export.ExportRows$Transcript",
        "io.lethe.export.ExportRows$FormField",
        "io.lethe.export.ExportRows$Attachment",
        "io.lethe.export.ExportRows$Message",
        "io.lethe.export.ExportRows$RetentionOutlook",
}, methods = true, fields = true)
public final class NativeReflection {
    private NativeReflection() {
    }
}
