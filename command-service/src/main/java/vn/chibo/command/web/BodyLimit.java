package vn.chibo.command.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import vn.chibo.events.problem.Problem;

/**
 * A write's body is at most {@code chibo.command.max-body-size} (4 MB: a ratings sheet of 500 members, each with a note
 * of the longest allowed, fits), a member register's file at most {@code chibo.command.max-import-size}
 * (8 MB: the 5,000 rows a file may hold are ~0.6 MB as CSV, more in an .xlsx with styles). A larger body is refused with 413 before it is read when its
 * length is declared, and once the limit is passed when it is sent in chunks: one client's oversized request cannot
 * fill the service's memory for everyone. It runs after authentication, so no anonymous body is read here.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 10)
public class BodyLimit extends OncePerRequestFilter {
    /** The member register's import, whose body is a file. */
    public static final String IMPORT = "/api/members/import";

    private final long maxBody;
    private final long maxImport;
    private final ProblemWriter problems;

    public BodyLimit(@Value("${chibo.command.max-body-size:4MB}") DataSize maxBody,
                     @Value("${chibo.command.max-import-size:8MB}") DataSize maxImport, ProblemWriter problems) {
        this.maxBody = maxBody.toBytes();
        this.maxImport = maxImport.toBytes();
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WriteRequests.isWrite(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean file = IMPORT.equals(request.getRequestURI());
        long limit = file ? maxImport : maxBody;
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(response, file, limit);
            return;
        }
        if (declared >= 0) {
            // the container reads no more than the declared length
            chain.doFilter(request, response);
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), limit);
        if (body == null) {
            refuse(response, file, limit);
            return;
        }
        chain.doFilter(new BufferedBody(request, body), response);
    }

    /**
     * The whole body, or null once it is longer than {@code limit} (the rest is left unread). Not the JDK's
     * {@code readNBytes(limit + 1)}: tried, a chunked body cut off past the limit then waited for the client until the
     * socket's timeout (it asks Tomcat's stream for zero more bytes once it has them).
     */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) != -1; ) {
            if (body.size() + n > limit) {
                return null;
            }
            body.write(buffer, 0, n);
        }
        return body.toByteArray();
    }

    private void refuse(HttpServletResponse response, boolean file, long limit) throws IOException {
        String size = limit >= 1024 * 1024 ? limit / (1024 * 1024) + " MB" : limit / 1024 + " kB";
        String detail = file
                ? "Tệp danh sách quá lớn (tối đa " + size + "); hãy chia theo đảng bộ cấp trên cơ sở rồi nhập từng tệp. "
                        + "(The file is larger than " + size + "; split it by committee.)"
                : "Nội dung yêu cầu quá lớn (tối đa " + size + "). (The request body is larger than " + size + ".)";
        // Tomcat closes the connection after a 413: the rest of the body is never read
        problems.write(response, Problem.PAYLOAD_TOO_LARGE, detail, file ? "file" : "body");
    }
}
