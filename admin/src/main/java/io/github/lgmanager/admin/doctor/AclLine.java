// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

/**
 * One entry of a file's access ACL in getfacl's terms, with the user or group named.
 *
 * @param tag "user", "group", "mask" or "other"
 * @param qualifier "" for the owner, the owning group, the mask and other; else the user's or group's name (its
 *     number when no name is known)
 * @param permissions r 4, w 2, x 1
 */
public record AclLine(String tag, String qualifier, int permissions) {

    public boolean isNamedUser() {
        return tag.equals("user") && !qualifier.isEmpty();
    }

    public boolean isNamedGroup() {
        return tag.equals("group") && !qualifier.isEmpty();
    }

    public boolean isOwningGroup() {
        return tag.equals("group") && qualifier.isEmpty();
    }

    public boolean isMask() {
        return tag.equals("mask");
    }

    /** "rw-" */
    public static String text(int permissions) {
        return ((permissions & 4) != 0 ? "r" : "-") + ((permissions & 2) != 0 ? "w" : "-")
                + ((permissions & 1) != 0 ? "x" : "-");
    }

    /** getfacl's syntax, {@code user:alice:rw-}. */
    @Override
    public String toString() {
        return tag + ":" + qualifier + ":" + text(permissions);
    }
}
