package org.agreementledger.demo.app;

/** A demo load stopped by the application shutting down, after a whole batch: says how far it got. */
public class DemoLoadInterruptedException extends RuntimeException {

    DemoLoadInterruptedException(String message) {
        super(message);
    }
}
