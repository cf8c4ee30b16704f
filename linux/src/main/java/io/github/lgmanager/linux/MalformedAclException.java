// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.linux;

/** The bytes of a {@code system.posix_acl_access} value are not an access ACL the kernel would accept. */
public final class MalformedAclException extends Exception {
    public MalformedAclException(String problem) {
        super("malformed POSIX ACL xattr: " + problem);
    }
}
