package io.lethe.retention;

import org.eclipse.microprofile.graphql.Input;

@Input("RetentionPolicyInput")
public record RetentionPolicyInput(Integer redactAfterDays) {
}
