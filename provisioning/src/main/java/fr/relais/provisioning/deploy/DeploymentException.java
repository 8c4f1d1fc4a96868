package fr.relais.provisioning.deploy;

/** The deployment folder cannot be used as it is: says which file and why. */
public final class DeploymentException extends Exception {
    private static final long serialVersionUID = 1L;

    public DeploymentException(String message) {
        super(message);
    }

    public DeploymentException(String message, Throwable cause) {
        super(message, cause);
    }
}
