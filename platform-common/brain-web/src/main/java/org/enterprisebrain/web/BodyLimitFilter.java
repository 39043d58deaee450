package org.enterprisebrain.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.enterprisebrain.standard.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds a request's body: a declared Content-Length over the limit gets 413 before anything is read; a chunked
 * body is cut off once it passes the limit ({@link BodyTooLargeException}, answered 413 by {@link ProblemAdvice}).
 * Ingestion bounds its batches so; every other service its whole API ({@link BodyLimitConfig}).
 */
public class BodyLimitFilter extends OncePerRequestFilter {

  /** Raised inside body reading when a chunked body passes the limit. */
  public static final class BodyTooLargeException extends IOException {
    BodyTooLargeException(long limit) {
      super("request body exceeds " + limit + " bytes");
    }
  }

  private final String pathPrefix;
  private final long limit;
  private final String title;
  private final String advice;

  /**
   * @param pathPrefix the requests it bounds
   * @param title      the problem's title, e.g. "Batch too large"
   * @param advice     what the caller should do instead, e.g. "split the batch"
   */
  public BodyLimitFilter(String pathPrefix, long limit, String title, String advice) {
    this.pathPrefix = pathPrefix;
    this.limit = limit;
    this.title = title;
    this.advice = advice;
  }

  public long limit() {
    return limit;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(pathPrefix);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > limit) {
      String detail = "the body holds " + request.getContentLengthLong() + " bytes; at most " + limit
          + " are accepted: " + advice;
      Problems.write(response, Problems.problem(HttpStatus.CONTENT_TOO_LARGE, title, detail,
          List.of(new FieldError("body", detail))));
      return;
    }
    chain.doFilter(new LimitedRequest(request, limit), response);
  }

  private static final class LimitedRequest extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream stream;

    LimitedRequest(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream = new ServletInputStream() {
          private long read;

          @Override
          public int read() throws IOException {
            int b = in.read();
            if (b >= 0 && ++read > limit) {
              throw new BodyTooLargeException(limit);
            }
            return b;
          }

          @Override
          public int read(byte[] buffer, int off, int len) throws IOException {
            int n = in.read(buffer, off, len);
            if (n > 0 && (read += n) > limit) {
              throw new BodyTooLargeException(limit);
            }
            return n;
          }

          @Override
          public boolean isFinished() {
            return in.isFinished();
          }

          @Override
          public boolean isReady() {
            return in.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
          }
        };
      }
      return stream;
    }
  }
}
