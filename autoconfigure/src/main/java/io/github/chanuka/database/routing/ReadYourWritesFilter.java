package io.github.chanuka.database.routing;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Carries read-your-writes across the requests of one HTTP client: a request that
 * commits a write gets a short-lived cookie, and while the client sends it back, its
 * reads go to the primary. So create, redirect, show never reads a replica that has not
 * replayed the create yet. Also forgets the request thread's routing hints when the
 * request ends.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class ReadYourWritesFilter extends OncePerRequestFilter implements WriteObserver {

	/**
	 * Name of the cookie, whose value is the end of the window in epoch milliseconds.
	 */
	public static final String COOKIE_NAME = "chanuka-db-primary-until";

	private final RoutingContext context;

	/**
	 * Create a filter.
	 * @param context the routing context
	 */
	public ReadYourWritesFilter(RoutingContext context) {
		this.context = context;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long remaining = remainingMillis(request);
		if (remaining > 0) {
			this.context.keepOnPrimaryUntil(System.nanoTime() + Duration.ofMillis(remaining).toNanos());
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.context.clear();
		}
	}

	private long remainingMillis(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return 0;
		}
		for (Cookie cookie : cookies) {
			if (COOKIE_NAME.equals(cookie.getName())) {
				try {
					long remaining = Long.parseLong(cookie.getValue()) - System.currentTimeMillis();
					return Math.min(remaining, this.context.readYourWrites().toMillis());
				}
				catch (NumberFormatException ex) {
					return 0;
				}
			}
		}
		return 0;
	}

	@Override
	public void writeCommitted(Duration readYourWrites) {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes instanceof ServletRequestAttributes servlet && servlet.getResponse() != null
				&& !servlet.getResponse().isCommitted()) {
			Cookie cookie = new Cookie(COOKIE_NAME,
					String.valueOf(System.currentTimeMillis() + readYourWrites.toMillis()));
			cookie.setMaxAge((int) Math.max(1, readYourWrites.toSeconds() + 1));
			cookie.setPath("/");
			cookie.setHttpOnly(true);
			cookie.setAttribute("SameSite", "Lax");
			servlet.getResponse().addCookie(cookie);
		}
	}

}
