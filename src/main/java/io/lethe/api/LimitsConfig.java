package io.lethe.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Input and page-size limits that protect the service from oversized requests. */
@ConfigMapping(prefix = "lethe.limits")
public interface LimitsConfig {
    @WithDefault("50")
    int defaultPageSize();

    @WithDefault("200")
    int maxPageSize();

    @WithDefault("500")
    int maxMessagesPerCall();

    @WithDefault("65536")
    int maxMessageBytes();

    @WithDefault("10485760")
    long maxAttachmentBytes();

    @WithDefault("200")
    int maxVisitorKeyLength();

    @WithDefault("100")
    int maxFormFields();

    @WithDefault("10000")
    int maxFormValueLength();
}
