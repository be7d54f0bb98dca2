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

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Carries read-your-writes across the requests of one HTTP client: a response to a
 * request that committed a write carries a cookie with the primary's WAL position after
 * that write, set once per response whatever the number of commits, just before the
 * response is committed. While the client sends it back, its reads go only to replicas
 * that have replayed that position, else to the primary. Tokens are positions in the
 * cluster's WAL, so they hold across application instances. Also forgets the request
 * thread's routing hints when the request ends.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class ReadYourWritesFilter extends OncePerRequestFilter {

	/**
	 * Name of the cookie, whose value is a WAL position in hexadecimal bytes.
	 */
	public static final String COOKIE_NAME = "chanuka-db-position";

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
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
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
		this.context.requirePosition(position(request));
		TokenCookieResponse tokenResponse = new TokenCookieResponse(response);
		try {
			chain.doFilter(request, tokenResponse);
			tokenResponse.addTokenCookie();
		}
		finally {
			this.context.clear();
		}
	}

	private static long position(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return 0;
		}
		for (Cookie cookie : cookies) {
			if (COOKIE_NAME.equals(cookie.getName())) {
				try {
					return Long.parseUnsignedLong(cookie.getValue(), 16) & Long.MAX_VALUE;
				}
				catch (NumberFormatException ex) {
					return 0;
				}
			}
		}
		return 0;
	}

	/**
	 * Adds the token cookie once, at the last moment headers can still be added.
	 */
	private final class TokenCookieResponse extends HttpServletResponseWrapper {

		private boolean added;

		TokenCookieResponse(HttpServletResponse response) {
			super(response);
		}

		void addTokenCookie() {
			RoutingContext context = ReadYourWritesFilter.this.context;
			long written = context.writtenPosition();
			if (this.added || written == 0 || isCommitted()) {
				return;
			}
			this.added = true;
			// a write of unknown position is carried as the position it was checked against, if it was
			long position = (written == RoutingContext.UNKNOWN_POSITION && context.isPositionVerified())
					? context.requiredPosition() : written;
			Cookie cookie = new Cookie(COOKIE_NAME, Long.toHexString(position));
			cookie.setMaxAge(ReadYourWritesFilter.this.cookieMaxAge);
			cookie.setPath("/");
			cookie.setHttpOnly(true);
			cookie.setAttribute("SameSite", "Lax");
			super.addCookie(cookie);
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			addTokenCookie();
			return super.getOutputStream();
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			addTokenCookie();
			return super.getWriter();
		}

		@Override
		public void flushBuffer() throws IOException {
			addTokenCookie();
			super.flushBuffer();
		}

		@Override
		public void sendError(int sc, String msg) throws IOException {
			addTokenCookie();
			super.sendError(sc, msg);
		}

		@Override
		public void sendError(int sc) throws IOException {
			addTokenCookie();
			super.sendError(sc);
		}

		@Override
		public void sendRedirect(String location) throws IOException {
			addTokenCookie();
			super.sendRedirect(location);
		}

	}

}
