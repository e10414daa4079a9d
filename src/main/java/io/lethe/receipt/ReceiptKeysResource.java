package io.lethe.receipt;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** {@code GET /receipts/jwks.json}: the public keys that verify erasure receipts. Public: no token. */
@Path("/receipts")
public class ReceiptKeysResource {
    private final ReceiptKeys keys;

    public ReceiptKeysResource(ReceiptKeys keys) {
        this.keys = keys;
    }

    @GET
    @Path("jwks.json")
    @PermitAll
    public Response jwks() {
        return Response.ok(keys.publicJwks(), "application/jwk-set+json")
                .header("Cache-Control", "public, max-age=300")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
