package io.github.lgmanager.daemon.libvirt;

/** libvirt refused a call or cannot be reached; the message quotes libvirt's own words. */
public final class LibvirtFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public LibvirtFailure(String message) {
        super(message);
    }

    public LibvirtFailure(String action, org.libvirt.LibvirtException cause) {
        super(action + ": " + cleanMessage(cause), cause);
    }

    private static String cleanMessage(org.libvirt.LibvirtException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.strip();
    }
}
