package io.lethe.tenant;

import org.eclipse.microprofile.graphql.Enum;

/** How a redacted value reads: {@code <redacted>}, or {@code <redacted:email>} etc. naming its kind. */
@Enum("PlaceholderStyle")
public enum PlaceholderStyle {
    PLAIN,
    TYPED
}
