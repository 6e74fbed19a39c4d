package io.digitgan.service.api;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.function.Function;

/**
 * Whole-number query, path and header parameters that, when they do not parse, are a 400 naming
 * the parameter (JAX-RS would answer 404 for a query or path parameter). Blank is absent.
 */
@Provider
public class NamedNumberConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = name(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == Integer.class) {
            return (ParamConverter<T>) new Converter<>(name, "a 32-bit whole number", Integer::valueOf);
        }
        if (rawType == Long.class) {
            return (ParamConverter<T>) new Converter<>(name, "a 64-bit whole number", Long::valueOf);
        }
        return null;
    }

    private static String name(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
            if (a instanceof PathParam p) {
                return p.value();
            }
            if (a instanceof HeaderParam h) {
                return h.value();
            }
        }
        return null;
    }

    private record Converter<N>(String name, String kind, Function<String, N> parse) implements ParamConverter<N> {

        @Override
        public N fromString(String value) {
            if (value == null || value.isBlank()) {
                if (value != null && !value.isEmpty()) {
                    throw ProblemException.badParameter(name, name + " must be " + kind + ", not a blank");
                }
                return null;
            }
            try {
                return parse.apply(value.trim());
            } catch (NumberFormatException e) {
                String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
                throw ProblemException.badParameter(name, name + " must be " + kind + ", not '" + shown + "'");
            }
        }

        @Override
        public String toString(N value) {
            return value == null ? null : value.toString();
        }
    }
}
