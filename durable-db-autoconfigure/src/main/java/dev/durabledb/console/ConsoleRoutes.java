package dev.durabledb.console;

import dev.durabledb.instance.InstanceKey;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The console's HTTP side: the page and its assets (shipped in the jar, nothing from a
 * CDN) and the small JSON API the page calls, all under the configured path.
 */
final class ConsoleRoutes {

	private static final String PAGE = "dev/durabledb/console/index.html";

	private static final String ASSETS = "dev/durabledb/console/assets/";

	/** The page loads its own scripts and styles only: no inline code, nothing from elsewhere. */
	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; frame-ancestors 'self'";

	private final ConsoleInstances instances;

	private final ConsoleStatements statements;

	private final int pageSize;

	ConsoleRoutes(ConsoleInstances instances, ConsoleStatements statements, int pageSize) {
		this.instances = instances;
		this.statements = statements;
		this.pageSize = pageSize;
	}

	RouterFunction<ServerResponse> routes(String path, boolean allowOthers) {
		String api = path + "/api/databases/{database}";
		String instance = api + "/instances/{instance}";
		RouterFunction<ServerResponse> routes = RouterFunctions.route()
			.GET(path, (request) -> ServerResponse.status(HttpStatus.FOUND).header("Location", path + "/").build())
			.GET(path + "/", this::index)
			.resources(path + "/assets/**", new ClassPathResource(ASSETS))
			.GET(path + "/api/overview", (request) -> json(new ConsoleViews.Overview(this.instances.databases(),
					this.statements.allowWrites(), this.pageSize)))
			.GET(api + "/instances", this::instances)
			.GET(instance, (request) -> json(this.instances.describe(key(request))))
			.GET(instance + "/schema", (request) -> json(this.statements.schema(key(request))))
			.GET(instance + "/tables/{table}", (request) -> json(this.statements.browse(key(request),
					request.pathVariable("table"), page(request), this.pageSize)))
			.POST(instance + "/query", this::query)
			.GET(instance + "/restore", (request) -> json(this.instances.previewRestore(key(request),
					required(request.param("at").orElse(null), "at"))))
			.POST(instance + "/restore", (request) -> json(this.instances.restore(key(request),
					required(request.body(RestoreRequest.class).at(), "at"))))
			.onError(Throwable.class, ConsoleProblems::of)
			.build();
		return allowOthers ? routes : routes.filter(new LoopbackOnly());
	}

	private ServerResponse index(ServerRequest request) {
		Resource page = new ClassPathResource(PAGE);
		return ServerResponse.ok()
			.contentType(MediaType.TEXT_HTML)
			.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
			.cacheControl(CacheControl.noStore())
			.body(page);
	}

	private ServerResponse instances(ServerRequest request) {
		return json(this.instances.page(request.pathVariable("database"), request.param("search").orElse("").trim(),
				page(request), this.pageSize));
	}

	private ServerResponse query(ServerRequest request) throws Exception {
		QueryRequest query = request.body(QueryRequest.class);
		int page = (query.page() != null) ? query.page() : 0;
		if (page < 0) {
			throw new ConsoleException(HttpStatus.BAD_REQUEST, "page must be 0 or more");
		}
		return json(this.statements.run(key(request), required(query.sql(), "sql"), page, this.pageSize,
				Boolean.TRUE.equals(query.write())));
	}

	private InstanceKey key(ServerRequest request) {
		return this.instances.existing(request.pathVariable("database"), request.pathVariable("instance"));
	}

	private static int page(ServerRequest request) {
		String page = request.param("page").orElse("0");
		try {
			int number = Integer.parseInt(page);
			if (number >= 0) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw new ConsoleException(HttpStatus.BAD_REQUEST, "page must be a number, 0 or more: '" + page + "'");
	}

	private static String required(@Nullable String value, String name) {
		if (value == null || value.isBlank()) {
			throw new ConsoleException(HttpStatus.BAD_REQUEST, "The request needs \"" + name + "\"");
		}
		return value;
	}

	private static ServerResponse json(Object body) {
		return ServerResponse.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_JSON).body(body);
	}

	/** A statement to run: page 0 unless said, read-only unless {@code write} is true. */
	record QueryRequest(@Nullable String sql, @Nullable Integer page, @Nullable Boolean write) {
	}

	/** A restore to a time, as an ISO-8601 instant. */
	record RestoreRequest(@Nullable String at) {
	}

}
