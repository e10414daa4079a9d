package io.lethe.audit;

import java.time.OffsetDateTime;
import java.util.List;

import io.lethe.api.BadUserInputException;
import io.lethe.api.InputRules;

/**
 * A validated {@link AuditFilter}: blank texts mean "any", times lie in the supported range and
 * {@code from} is not after {@code to}. Builds the filter's SQL, with its values as parameters.
 */
record AuditCriteria(String action, String actor, String targetId, OffsetDateTime from, OffsetDateTime to) {
    static final int MAX_LENGTH = 500;
    static final AuditCriteria ALL = new AuditCriteria(null, null, null, null, null);

    static AuditCriteria of(AuditFilter filter) {
        if (filter == null) {
            return ALL;
        }
        OffsetDateTime from = InputRules.timeBound("filter.from", filter.from());
        OffsetDateTime to = InputRules.timeBound("filter.to", filter.to());
        if (from != null && to != null && from.isAfter(to)) {
            throw new BadUserInputException("`filter.from` must not be after `filter.to`");
        }
        return new AuditCriteria(InputRules.optionalText("filter.action", filter.action(), MAX_LENGTH),
                InputRules.optionalText("filter.actor", filter.actor(), MAX_LENGTH),
                InputRules.optionalText("filter.targetId", filter.targetId(), MAX_LENGTH), from, to);
    }

    /** " and ..." conditions on audit_event, appending their values to {@code args} ($n follow its size). */
    String where(List<Object> args) {
        StringBuilder sql = new StringBuilder();
        condition(sql, args, "action = ", action);
        condition(sql, args, "actor = ", actor);
        condition(sql, args, "target_id = ", targetId);
        condition(sql, args, "at >= ", from);
        condition(sql, args, "at < ", to);
        return sql.toString();
    }

    private static void condition(StringBuilder sql, List<Object> args, String test, Object value) {
        if (value != null) {
            args.add(value);
            sql.append(" and ").append(test).append('$').append(args.size());
        }
    }
}
