package io.lethe.export;

import java.io.IOException;
import java.util.List;

import io.lethe.export.ExportRows.Attachment;
import io.lethe.export.ExportRows.Consent;
import io.lethe.export.ExportRows.FormField;
import io.lethe.export.ExportRows.Header;
import io.lethe.export.ExportRows.Message;
import io.lethe.export.ExportRows.Transcript;
import io.lethe.export.ExportRows.Visitor;

/**
 * Receives an export as a sequence of events, in this order, and writes it to a stream as it
 * goes (nothing is buffered beyond one page):
 * {@code begin, (visitor, consents*, endVisitor)*, beginTranscripts, (transcript, messages*, endTranscript)*, finish}.
 */
public interface ExportWriter {

    /** Whether the format carries the consent history (otherwise the streamer does not read it). */
    boolean includesConsents();

    void begin(Header header, List<Visitor> visitors) throws IOException;

    void visitor(Visitor visitor) throws IOException;

    void consents(List<Consent> page) throws IOException;

    void endVisitor() throws IOException;

    void beginTranscripts() throws IOException;

    void transcript(Transcript transcript, Visitor visitor, List<FormField> formFields, List<Attachment> attachments)
            throws IOException;

    void messages(List<Message> page) throws IOException;

    void endTranscript() throws IOException;

    void finish() throws IOException;
}
