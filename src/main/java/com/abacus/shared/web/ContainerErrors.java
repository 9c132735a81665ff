package com.abacus.shared.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What the servlet container answers itself (a request line over its limit, bad bytes in the path or a header, before
 * any filter runs) is a problem+json like every other refusal, not Tomcat's HTML page. The container's error report
 * valve is replaced by one that writes the problem; nothing about the request (it may be unreadable) is echoed.
 */
@Component
class ContainerErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Container parent = context.getParent();
            if (parent instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.getPipeline().addValve(new ProblemReportValve());
            }
        });
    }

    /** Tomcat's error report valve, writing problem+json. */
    public static class ProblemReportValve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            String title = known == null ? "Error" : known.getReasonPhrase();
            String detail = status >= 500
                    ? "The server could not answer this request."
                    : "The request could not be read: " + title + ".";
            try {
                response.setContentType(Problems.MEDIA_TYPE);
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write("{\"type\":\"/problems/http-" + status + "\",\"title\":\"" + title + "\",\"status\":"
                            + status + ",\"detail\":\"" + detail + "\",\"code\":\"http-" + status + "\"}");
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // The connection is gone; there is no one to answer.
            }
        }
    }
}
