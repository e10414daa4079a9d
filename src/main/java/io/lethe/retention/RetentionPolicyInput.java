package io.lethe.retention;

import org.eclipse.microprofile.graphql.Input;

/** Three windows in days (1..3650), each null = off. */
@Input("RetentionPolicyInput")
public record RetentionPolicyInput(Integer redactAfterDays, Integer destroyFilesAfterDays, Integer forgetIpAfterDays) {
}
