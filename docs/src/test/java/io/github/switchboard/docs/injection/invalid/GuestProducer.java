package io.github.switchboard.docs.injection.invalid;

import io.github.switchboard.docs.injection.ChatUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** SWB-0007: ChatUser is @ConnectionData, so it comes from the guards and nowhere else. */
@ApplicationScoped
public class GuestProducer {

    @Produces
    ChatUser guest() {
        return new ChatUser("guest");
    }
}
