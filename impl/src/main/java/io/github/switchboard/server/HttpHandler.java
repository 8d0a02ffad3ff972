package io.github.switchboard.server;

/**
 * Answers plain HTTP requests on the embedded server's port, beside the WebSockets: a route
 * registered with {@link EmbeddedServer.Builder#route(String, String, HttpHandler)} (an object)
 * or {@link EmbeddedServer.Builder#route(String, String, Class)} (a CDI bean of the server's
 * container, so {@code @Inject Topics} works in it).
 * <pre>{@code
 * EmbeddedServer.builder()
 *         .route("GET", "/health", request -> HttpResponse.text(200, "ok"))
 *         .route("POST", "/broadcast", Broadcast.class)   // @ApplicationScoped, @Inject Topics
 *         ...
 * }</pre>
 *
 * <p>Called on one of the server's worker threads, after the server checked the request (method,
 * body size, and for methods other than {@code GET} and {@code HEAD} the browser origin, as for
 * WebSocket upgrades) and read its body; a request context is active during the call. One
 * instance serves every request concurrently: implementations must be thread-safe. Upgrade
 * requests never reach a handler; they go to the WebSocket endpoints.
 */
@FunctionalInterface
public interface HttpHandler {

    /**
     * The response to {@code request}.
     *
     * @param request the request, never null, valid only during this call
     * @return the response; null is answered with {@code 500}
     * @throws Exception answered with {@code 500} and a correlation id, logged with the same id;
     *         nothing of the exception reaches the client
     */
    HttpResponse handle(HttpRequest request) throws Exception;
}
