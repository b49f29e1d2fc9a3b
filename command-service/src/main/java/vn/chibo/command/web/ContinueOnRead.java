package vn.chibo.command.web;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * A request that asks before sending its body ({@code Expect: 100-continue}, as curl does past 1 MB and many upload
 * clients always) is told to go on only when the service reads the body. By default Tomcat told it at once, so a file
 * {@link BodyLimit} would refuse on its declared length was sent whole first: megabytes for nothing on a weak line.
 */
@Component
public class ContinueOnRead implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setProperty("continueResponseTiming", "onRead"));
    }
}
