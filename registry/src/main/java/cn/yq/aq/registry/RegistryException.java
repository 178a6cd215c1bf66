package cn.yq.aq.registry;

/** A registry file that cannot be used, with what is wrong in it. */
public final class RegistryException extends RuntimeException {

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
