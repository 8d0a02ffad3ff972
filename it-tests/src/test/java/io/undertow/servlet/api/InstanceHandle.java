package io.undertow.servlet.api;

/** Test stand-in with the shape of Undertow's type of this name (UndertowHooksTest). */
public interface InstanceHandle<T> {

    T getInstance();

    void release();
}
