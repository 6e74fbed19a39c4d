package io.digitgan.service.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Allow header's methods, per path, from the resources' annotations: templates, regex parameters, sub-paths. */
class AllowedMethodsTest {

    @Path("/api/v1/runs")
    public static class Runs {
        @GET
        public void list() {}

        @POST
        public void start() {}

        @GET
        @Path("{id}")
        public void get() {}

        @POST
        @Path("{id}/stop")
        public void stop() {}

        @GET
        @Path("{id}/samples/{epoch: \\d+}.png")
        public void sample() {}
    }

    @Path("model/")
    public static class Model {
        @PUT
        @Path("/pin")
        public void pin() {}

        @DELETE
        @Path("pin")
        public void unpin() {}
    }

    final AllowedMethods allowed = new AllowedMethods(List.of(Runs.class, Model.class, String.class));

    @Test
    void eachPathGetsTheMethodsOfTheTemplatesItMatches() {
        assertEquals(Set.of("GET", "HEAD", "POST", "OPTIONS"), allowed.of("/api/v1/runs"));
        assertEquals(Set.of("GET", "HEAD", "OPTIONS"), allowed.of("/api/v1/runs/some-run"));
        assertEquals(Set.of("POST", "OPTIONS"), allowed.of("/api/v1/runs/some-run/stop"));
        assertEquals(Set.of("GET", "HEAD", "OPTIONS"), allowed.of("/api/v1/runs/r/samples/12.png"));
        assertEquals(Set.of(), allowed.of("/api/v1/runs/r/samples/twelve.png"), "the parameter's own pattern");
        assertEquals(Set.of("PUT", "DELETE", "OPTIONS"), allowed.of("/model/pin"));
        assertEquals(Set.of(), allowed.of("/model"));
        assertEquals(Set.of(), allowed.of("/nothing"));
    }
}
