package io.github.switchboard.docs.injection;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/** Decorates every {@link Replier} bean, the endpoint included. */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class PoliteReplier implements Replier {

    @Inject
    @Delegate
    Replier delegate;

    @Override
    public String reply(String question) {
        return delegate.reply(question) + ", thank you";
    }
}
