package io.lethe.dashboard;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lethe.support.Api;

/**
 * Which contract items the running service already serves, by introspection: the dashboard is
 * written against the whole contract, and a flow's test runs once the API it uses is there.
 */
final class ServedSchema {
    private static Set<String> served;

    private ServedSchema() {
    }

    static synchronized boolean has(String... items) {
        if (served == null) {
            served = new HashSet<>();
            String token = Api.token(Api.newTenant(), "privacy-admin");
            var json = Api.ok(token, "{ __schema { subscriptionType { name } types { name fields { name args { name } } inputFields { name } } } }");
            if (json.get("data.__schema.subscriptionType") != null) {
                served.add("Subscription");
            }
            List<Map<String, Object>> types = json.getList("data.__schema.types");
            for (Map<String, Object> type : types) {
                String name = (String) type.get("name");
                served.add(name);
                for (String list : List.of("fields", "inputFields")) {
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> fields = (List<Map<String, Object>>) type.get(list);
                    if (fields == null) {
                        continue;
                    }
                    for (Map<String, Object> field : fields) {
                        served.add(name + "." + field.get("name"));
                        @SuppressWarnings("unchecked")
                        List<Map<String, Object>> args = (List<Map<String, Object>>) field.get("args");
                        if (args != null) {
                            args.forEach(a -> served.add(name + "." + field.get("name") + "(" + a.get("name") + ")"));
                        }
                    }
                }
            }
        }
        for (String item : items) {
            if (!served.contains(item)) {
                return false;
            }
        }
        return true;
    }

    /** Skips (with the reason printed) a flow whose API is not served yet. */
    static void assume(String... items) {
        org.junit.jupiter.api.Assumptions.assumeTrue(has(items),
                () -> "the API this flow uses is not served yet: " + String.join(", ", items));
    }

    /** What every page that shows a redaction job reads. */
    static final String[] JOBS = { "RedactionJob.transcriptsTotal", "RedactionJob.transcriptsExamined" };
}
