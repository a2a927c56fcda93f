package org.movierec.serving.system;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Puts {@link ProblemErrorReportValve} in the place of Tomcat's error report valve (the one Spring Boot adds and the
 * one Tomcat would add on start), so what Tomcat answers by itself is a problem detail too. Ordered last, after Spring
 * Boot's own customizer has added its valve.
 */
@Component
class TomcatProblemPages implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final DataSize maxHeaderSize;

    TomcatProblemPages(@Value("${server.max-http-request-header-size:8KB}") DataSize maxHeaderSize) {
        this.maxHeaderSize = maxHeaderSize;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new ProblemErrorReportValve(maxHeaderSize.toBytes()));
            host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
