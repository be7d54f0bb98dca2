package io.github.chanuka.database.routing;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Carries read-your-writes across the requests of one HTTP client: a response to a
 * request that committed a write carries the primary's WAL position after that write,
 * in a cookie for browsers and in the {@value #HEADER_NAME} header for API clients and
 * gateways that keep no cookies, set once per response whatever the number of commits,
 * just before the response is committed. When no read of the request needed the
 * position, none was read and the token says so ({@value RoutingContext#UNRESOLVED_TOKEN}):
 * the instance that gets the client's next request reads the primary's position then,
 * which covers the write, and that response carries it. While the client sends either back, its reads
 * go only to replicas that have replayed that position, else to the primary; sent both,
 * the later position counts. Tokens are positions in the cluster's WAL, so they hold
 * across application instances. Also forgets the request thread's routing hints when the
 * request ends.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class ReadYourWritesFilter extends OncePerRequestFilter {

	/**
	 * Name of the cookie, whose value is a WAL position in hexadecimal bytes.
	 */
	public static final String COOKIE_NAME = "chanuka-db-position";

	/**
	 * Name of the request and response header that carries the same token as the cookie.
	 * @since 0.1.0
	 */
	public static final String HEADER_NAME = "Chanuka-Db-Position";

	private static final String CARRIED = ReadYourWritesFilter.class.getName() + ".carried";

	private final RoutingContext context;

	private final int cookieMaxAge;

	/**
	 * Create a filter.
	 * @param context the routing context
	 * @param cookieLifetime how long a client keeps the cookie
	 */
	public ReadYourWritesFilter(RoutingContext context, Duration cookieLifetime) {
		this.context = context;
		this.cookieMaxAge = (int) Math.max(1, Math.min(Integer.MAX_VALUE, cookieLifetime.toSeconds()));
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isAsyncDispatch(request)) {
			continueAsync(request, response, chain);
			return;
		}
		this.context.clear();
		if (!this.context.isReadYourWrites()) {
			try {
				chain.doFilter(request, response);
			}
			finally {
				this.context.clear();
			}
			return;
		}
		String cookie = cookieToken(request);
		String header = request.getHeader(HEADER_NAME);
		this.context.requirePosition(Math.max(position(cookie), position(header)));
		if (RoutingContext.UNRESOLVED_TOKEN.equals(cookie) || RoutingContext.UNRESOLVED_TOKEN.equals(header)) {
			this.context.requireUnresolvedWrite();
		}
		respond(request, response, chain);
	}

	/**
	 * The dispatch that completes an asynchronous request: the request's state, which
	 * the executor's tasks shared, gives the response its token.
	 */
	private void continueAsync(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.context.isReadYourWrites() || !(request.getAttribute(CARRIED) instanceof RoutingContext.Carried carried)) {
			chain.doFilter(request, response);
			return;
		}
		this.context.resume(carried);
		respond(request, response, chain);
	}

	private void respond(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		TokenResponse tokenResponse = new TokenResponse(response);
		try {
			chain.doFilter(request, tokenResponse);
			if (request.isAsyncStarted()) {
				request.setAttribute(CARRIED, this.context.carry());
			}
			else {
				tokenResponse.addToken();
			}
		}
		finally {
			this.context.clear();
		}
	}

	private static @Nullable String cookieToken(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return null;
		}
		for (Cookie cookie : cookies) {
			if (COOKIE_NAME.equals(cookie.getName())) {
				return cookie.getValue();
			}
		}
		return null;
	}

	/**
	 * Read a token as sent by a client; a token beyond the primary's position is clamped
	 * later, by the routing context, whichever way it came.
	 */
	private static long position(@Nullable String token) {
		if (token == null) {
			return 0;
		}
		try {
			return Long.parseUnsignedLong(token.trim(), 16) & Long.MAX_VALUE;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	/**
	 * Adds the token cookie and header once, at the last moment headers can still be
	 * added.
	 */
	private final class TokenResponse extends HttpServletResponseWrapper {

		private boolean added;

		TokenResponse(HttpServletResponse response) {
			super(response);
		}

		void addToken() {
			String token = ReadYourWritesFilter.this.context.responseToken();
			if (this.added || token == null || isCommitted()) {
				return;
			}
			this.added = true;
			Cookie cookie = new Cookie(COOKIE_NAME, token);
			cookie.setMaxAge(ReadYourWritesFilter.this.cookieMaxAge);
			cookie.setPath("/");
			cookie.setHttpOnly(true);
			cookie.setAttribute("SameSite", "Lax");
			super.addCookie(cookie);
			super.setHeader(HEADER_NAME, token);
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			addToken();
			return super.getOutputStream();
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			addToken();
			return super.getWriter();
		}

		@Override
		public void flushBuffer() throws IOException {
			addToken();
			super.flushBuffer();
		}

		@Override
		public void sendError(int sc, String msg) throws IOException {
			addToken();
			super.sendError(sc, msg);
		}

		@Override
		public void sendError(int sc) throws IOException {
			addToken();
			super.sendError(sc);
		}

		@Override
		public void sendRedirect(String location) throws IOException {
			addToken();
			super.sendRedirect(location);
		}

	}

}
