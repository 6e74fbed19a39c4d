package io.digitgan.dashboard.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The generator-service's API as the dashboard's server calls it (Quarkus REST Client, base URL
 * {@code digitgan.dashboard.generator-url}): only these paths, every value a query parameter or a
 * body. Its answers, errors included, come back as they are, for the forwarder to pass on.
 */
@RegisterRestClient(configKey = "generator")
@Path("/api/v1")
public interface GeneratorClient {

    @GET
    @Path("model")
    Response model();

    @GET
    @Path("digits.png")
    Response digits(@QueryParam("scale") int scale, @QueryParam("count") String count, @QueryParam("seed") String seed,
            @QueryParam("digit") String digit, @QueryParam("layout") String layout);

    @PUT
    @Path("model/pin")
    @Consumes(MediaType.APPLICATION_JSON)
    Response pin(@HeaderParam("Authorization") String authorization, String body);
}
