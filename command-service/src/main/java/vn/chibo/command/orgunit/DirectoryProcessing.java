package vn.chibo.command.orgunit;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The write side's directories are updated by a subscribing processor, inside the transaction that appends the
 * events; an error there (a duplicate card number) must roll the whole command back, so it propagates.
 */
@Configuration
public class DirectoryProcessing {
    public static final String GROUP = "directory";

    @Autowired
    void configure(EventProcessingConfigurer configurer) {
        configurer.registerSubscribingEventProcessor(GROUP);
        configurer.registerListenerInvocationErrorHandler(GROUP, c -> PropagatingErrorHandler.instance());
    }
}
