package org.movierec.serving.system;

import java.beans.PropertyEditorSupport;

import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.module.SimpleModule;

/**
 * Applies {@link ControlCharacters}' rule wherever text comes in: every query and path parameter (and header)
 * that Spring MVC binds to a {@code String} of this application's controllers goes through an editor that refuses
 * control characters (a 400 naming the parameter), and every JSON string read into a {@code String} through
 * {@link PlainTextDeserializer}, registered with the application's JSON mapper (Spring Boot registers every
 * {@link JacksonModule} bean).
 */
@ControllerAdvice(basePackages = "org.movierec.serving")
class PlainTextInput {

    @InitBinder
    void refuseControlCharacters(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new PlainTextEditor());
    }

    @Bean
    static JacksonModule plainTextModule() {
        return new SimpleModule("plain-text").addDeserializer(String.class, new PlainTextDeserializer());
    }

    /** Text as it came, unless it has a control character. */
    private static final class PlainTextEditor extends PropertyEditorSupport {

        @Override
        public void setAsText(String text) {
            if (ControlCharacters.present(text)) {
                throw new ControlCharacters.RefusedParameter();
            }
            setValue(text);
        }
    }
}
