package org.movierec.serving.system;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * The methods a path answers to, for the {@code Allow} header of a 405 given before Spring MVC sees the request: the
 * methods of every request mapping (the API's controllers, the actuator's and the OpenAPI document's) whose pattern
 * matches the path, with {@code HEAD} wherever {@code GET} is; a path no mapping matches (the web page's files, or
 * nothing) takes {@code GET} and {@code HEAD}.
 */
@Component
class AllowedMethods {

    private static final String STATIC = "GET, HEAD";

    /** Looked up when asked (the firewall's handler is made before Spring MVC's mappings). */
    private final ObjectProvider<RequestMappingInfoHandlerMapping> mappings;

    AllowedMethods(ObjectProvider<RequestMappingInfoHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    /** The methods as the {@code Allow} header lists them, for the path as the request has it (still encoded). */
    String at(String path) {
        PathContainer container = PathContainer.parsePath(path);
        Set<RequestMethod> methods = new TreeSet<>();
        boolean matched = false;
        for (RequestMappingInfoHandlerMapping mapping : mappings.orderedStream().toList()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
                if (patterns != null && patterns.getPatterns().stream().anyMatch(pattern -> pattern.matches(container))) {
                    matched = true;
                    Set<RequestMethod> declared = info.getMethodsCondition().getMethods();
                    methods.addAll(declared.isEmpty() ? Set.of(RequestMethod.values()) : declared);
                }
            }
        }
        if (!matched) {
            return STATIC;
        }
        if (methods.contains(RequestMethod.GET)) {
            methods.add(RequestMethod.HEAD);
        }
        methods.remove(RequestMethod.TRACE);
        return methods.stream().map(RequestMethod::name).collect(Collectors.joining(", "));
    }
}
